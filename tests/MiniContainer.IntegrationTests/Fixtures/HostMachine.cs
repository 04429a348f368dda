using MiniContainer.Go;

namespace MiniContainer.IntegrationTests.Fixtures;

/// <summary>
/// What a binary built on this machine for this machine looks like, read from the machine, so the
/// tests of host builds hold on any architecture the project runs on, not only x86-64.
/// </summary>
public static class HostMachine
{
    public static string GoArch { get; } = GoBuildOptions.HostGoArch();

    /// <summary>The ELF machine name the verifier reports (ELFSharp's).</summary>
    public static string ElfMachine => GoArch switch
    {
        "amd64" => "AMD64",
        "arm64" => "AArch64",
        var other => throw new NotSupportedException($"no ELF machine name known here for GOARCH {other}"),
    };

    /// <summary>The glibc dynamic loader a host gcc build names as its interpreter.</summary>
    public static string GlibcLoader => GoArch switch
    {
        "amd64" => "/lib64/ld-linux-x86-64.so.2",
        "arm64" => "/lib/ld-linux-aarch64.so.1",
        var other => throw new NotSupportedException($"no glibc loader known here for GOARCH {other}"),
    };

    /// <summary>The musl loader, named after the kernel's machine (uname -m) as musl names it.</summary>
    public static string MuslLoader { get; } = $"/lib/ld-musl-{ProcessRunner.Run("uname", ["-m"]).StandardOutput.Trim()}.so.1";
}
