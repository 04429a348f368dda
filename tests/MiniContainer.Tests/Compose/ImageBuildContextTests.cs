using System.Formats.Tar;
using System.Security.Cryptography;
using MiniContainer.Compose;
using MiniContainer.Images;

namespace MiniContainer.Tests.Compose;

public sealed class ImageBuildContextTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("minicontainer-context-");

    public void Dispose() => _folder.Delete(recursive: true);

    private RuntimeImageSpec Spec()
    {
        var binary = Path.Combine(_folder.FullName, "hello");
        var other = Path.Combine(_folder.FullName, "a-tool");
        var bundle = Path.Combine(_folder.FullName, "ca.crt");
        File.WriteAllText(binary, "binary");
        File.WriteAllText(other, "tool");
        File.WriteAllText(bundle, "pem");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(binary, UnixFileMode.UserRead | UnixFileMode.UserWrite); // not executable on disk
        return new RuntimeImageSpec().OnScratch().WithBinary(binary).WithBinary(other).WithCaBundle(bundle);
    }

    private static byte[] Write(RuntimeImageSpec spec)
    {
        using var stream = new MemoryStream();
        ImageBuildContext.Write(stream, spec, DockerfileRenderer.Render(spec));
        return stream.ToArray();
    }

    [Fact]
    public void The_context_holds_only_the_Dockerfile_binaries_bundle_and_scratch_system_files_in_a_fixed_order()
    {
        using var reader = new TarReader(new MemoryStream(Write(Spec())));
        var entries = new List<TarEntry>();
        while (reader.GetNextEntry() is { } entry) entries.Add(entry);

        entries.Select(e => e.Name).ShouldBe(["Dockerfile", "app/", "app/a-tool", "app/hello",
            "rootfs-system/", "rootfs-system/etc/", "rootfs-system/etc/group", "rootfs-system/etc/passwd", "rootfs-system/tmp/", "certs/", "certs/ca-certificates.crt"]);
        entries.Single(e => e.Name == "rootfs-system/tmp/").Mode.ShouldBe((UnixFileMode)Convert.ToInt32("1777", 8));
        entries.Single(e => e.Name == "app/hello").Mode.ShouldBe((UnixFileMode)Convert.ToInt32("755", 8));
        entries.Single(e => e.Name == "certs/ca-certificates.crt").Mode.ShouldBe((UnixFileMode)Convert.ToInt32("644", 8));
        entries.ShouldAllBe(e => e.ModificationTime == DateTimeOffset.UnixEpoch && e.Uid == 0 && e.Gid == 0);
    }
}
