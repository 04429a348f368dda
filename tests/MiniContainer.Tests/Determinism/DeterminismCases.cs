using MiniContainer.Compose;
using MiniContainer.Docker;
using MiniContainer.Elf;
using MiniContainer.Images;
using MiniContainer.Oci;
using MiniContainer.Oci.Json;
using MiniContainer.Oci.Layers;
using MiniContainer.Sbom;

namespace MiniContainer.Tests.Determinism;

/// <summary>
/// Each writer that promises the same bytes for the same inputs, run on inputs made afresh: files in a
/// new temp folder (another path, other timestamps), so two processes compare like two checkouts.
/// </summary>
public static class DeterminismCases
{
    private static readonly DateTimeOffset Time = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);

    public static IReadOnlyDictionary<string, Func<byte[]>> All { get; } = new Dictionary<string, Func<byte[]>>
    {
        ["source tar"] = SourceTar,
        ["image build context"] = BuildContext,
        ["layer"] = Layer,
        ["image config"] = Config,
        ["spdx document"] = Spdx,
    };

    private static string Checkout()
    {
        var root = Directory.CreateTempSubdirectory("mc-determinism-").FullName;
        Directory.CreateDirectory(Path.Combine(root, "b"));
        File.WriteAllText(Path.Combine(root, "b", "z.txt"), "z");
        File.WriteAllText(Path.Combine(root, "a.go"), "package main");
        File.WriteAllText(Path.Combine(root, "hello"), "binary");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(Path.Combine(root, "hello"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        File.SetLastWriteTimeUtc(Path.Combine(root, "a.go"), DateTime.UtcNow.AddMinutes(-Random.Shared.Next(1, 10_000)));
        return root;
    }

    private static byte[] InCheckout(Func<string, byte[]> write)
    {
        var root = Checkout();
        try
        {
            return write(root);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static byte[] SourceTar() => InCheckout(root =>
    {
        using var stream = new MemoryStream();
        DeterministicTar.WriteDirectory(stream, root, "src/app");
        return stream.ToArray();
    });

    private static byte[] BuildContext() => InCheckout(root =>
    {
        var spec = new RuntimeImageSpec().OnScratch().WithBinary(Path.Combine(root, "hello")).WithCaBundle(Path.Combine(root, "b", "z.txt"));
        using var stream = new MemoryStream();
        ImageBuildContext.Write(stream, spec, DockerfileRenderer.Render(spec));
        return stream.ToArray();
    });

    private static byte[] Layer()
    {
        var content = new LayerContent()
            .WithFile("/app/zeta", "z"u8.ToArray(), LayerContent.ExecutableMode)
            .WithFile("/etc/ssl/certs/ca.crt", "ca"u8.ToArray(), LayerContent.FileMode)
            .WithDirectory("/app");
        using var stream = new MemoryStream();
        LayerWriter.Write(content, Time, stream);
        return stream.ToArray();
    }

    private static byte[] Config()
    {
        var spec = new RuntimeImageSpec().WithBinary("/tmp/hello")
            .WithEnvironment("B", "2").WithEnvironment("A", "1").WithLabel("y", "1").WithLabel("x", "2");
        var app = new AddedLayer(new LayerBlob(OciDigest.Of("layer"u8), 10, OciDigest.Of("tar"u8)), "COPY app/ /app/");
        var baseConfig = ImageConfig.Read("""
            {"architecture":"amd64","os":"linux","config":{"User":"root","Env":["PATH=/usr/bin:/bin","LANG=C"],"Labels":{"base":"yes","a":"b"}},
             "rootfs":{"type":"layers","diff_ids":["sha256:1111111111111111111111111111111111111111111111111111111111111111"]},"history":[{"created_by":"ADD rootfs"}]}
            """u8);
        return ImageConfigComposer.Compose(baseConfig, spec, [app], Time, new OciPlatform("linux", "amd64"));
    }

    private static byte[] Spdx() => SpdxDocumentWriter.Write(new SbomImage
    {
        Repository = "127.0.0.1:5000/team/hello",
        Tag = "1.0",
        ManifestDigest = OciDigest.Of("image"u8),
        Platform = new OciPlatform("linux", "arm64", "v8"),
        Binaries = [new SbomBinary("/app/hello", new string('a', 64), new GoBuildInfo("go1.19.8", "example.com/hello",
            new GoModuleVersion("example.com/hello", "(devel)", null),
            [new GoModuleVersion("golang.org/x/text", "v0.3.7", "h1:olpwvP2KacW1ZWvsR7uQhoyTYvKAupfQrRGBFM352Gk="), new GoModuleVersion("example.com/b", "v1.0.0", null)],
            [new GoBuildSetting("CGO_ENABLED", "0"), new GoBuildSetting("GOARCH", "arm64")]))],
        Provenance = new BuildProvenance("https://example.com/hello.git", "0123abcd", Modified: true, "go1.19.8", ["CGO_ENABLED=0"]),
        Created = Time,
    });
}
