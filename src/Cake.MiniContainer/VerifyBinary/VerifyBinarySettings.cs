namespace Cake.MiniContainer.VerifyBinary;

/// <summary>Settings for <c>VerifyBinary</c>: what the binary must be.</summary>
public sealed class VerifyBinarySettings
{
    /// <summary>The GOARCH it was built for; null for this machine's. Empty skips the check.</summary>
    public string? GoArch { get; set; }

    /// <summary>Fail on an interpreter or needed shared libraries (static-pie counts as static).</summary>
    public bool RequireStatic { get; set; } = true;

    /// <summary>-w was given, so Go's debug info is not expected (a warning when it is there).</summary>
    public bool StripDwarfRequested { get; set; } = true;

    /// <summary>Warn when the file is not a Go binary.</summary>
    public bool ExpectGoBinary { get; set; } = true;

    /// <summary>Fail when glibc's NSS code is linked in statically.</summary>
    public bool FailOnGlibcNss { get; set; } = true;
}
