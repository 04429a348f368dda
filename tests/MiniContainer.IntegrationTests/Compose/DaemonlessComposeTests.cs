using System.Text.Json;
using MiniContainer.Compose;
using MiniContainer.Images;
using MiniContainer.IntegrationTests.Fixtures;
using MiniContainer.IntegrationTests.Oci;
using MiniContainer.Oci;
using MiniContainer.Oci.Outputs;
using Xunit.Abstractions;

namespace MiniContainer.IntegrationTests.Compose;

[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class DaemonlessComposeTests(ITestOutputHelper output) : IDisposable
{
    private static readonly DateTimeOffset Created = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);
    private readonly TestLogger _logger = new(output);
    private readonly string _folder = TestBed.TempDirectory("oci-compose");

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private DaemonlessComposeRequest Request(RuntimeImageSpec spec, string name, params string[] tags) =>
        new(spec, tags, new OciOutputs(Path.Combine(_folder, name, "layout"), Path.Combine(_folder, name, "image.docker.tar")))
        {
            Created = Created,
            BlobCache = new BlobStore(Path.Combine(_folder, name, "cache")),
        };

    [Fact]
    public async Task Hello_on_scratch_is_an_OCI_layout_that_skopeo_reads_with_our_digest_and_config()
    {
        var spec = new RuntimeImageSpec().OnScratch().WithBinary(ImageBinaries.Hello)
            .WithCommand("--addr", ":9090").WithEnvironment("GREETING", "hi $USER").WithExposedPort(9090).WithLabel(OciLabels.Title, "hello");

        var image = await DaemonlessComposeStep.RunAsync(Request(spec, "scratch", "hello:dev"), _logger);

        var (digest, config) = OciReaders.SkopeoInspect($"oci:{image.LayoutDirectory}:dev");
        digest.ShouldBe(image.ManifestDigest.ToString());
        config.GetProperty("created").GetString().ShouldBe("2023-11-14T22:13:20Z");
        config.GetProperty("architecture").GetString().ShouldBe(HostMachine.GoArch);
        var settings = config.GetProperty("config");
        settings.GetProperty("User").GetString().ShouldBe("65532:65532");
        settings.GetProperty("WorkingDir").GetString().ShouldBe("/app");
        settings.GetProperty("Entrypoint").EnumerateArray().Select(e => e.GetString()).ShouldBe(["/app/hello"]);
        settings.GetProperty("Cmd").EnumerateArray().Select(e => e.GetString()).ShouldBe(["--addr", ":9090"]);
        settings.GetProperty("Env").EnumerateArray().Select(e => e.GetString()).ShouldBe(["GREETING=hi $USER"]);
        settings.GetProperty("ExposedPorts").EnumerateObject().Select(p => p.Name).ShouldBe(["9090/tcp"]);
        settings.GetProperty("Labels").GetProperty(OciLabels.Title).GetString().ShouldBe("hello");
        // Scratch's /etc/passwd, /etc/group and /tmp, then the binary.
        config.GetProperty("rootfs").GetProperty("diff_ids").GetArrayLength().ShouldBe(2);
        config.GetProperty("history").EnumerateArray().Count(h => !h.TryGetProperty("empty_layer", out _)).ShouldBe(2);
    }

    [Fact]
    public async Task Umoci_unpacks_the_layout_into_the_files_and_modes_the_Dockerfile_path_gives()
    {
        var bundle = Path.Combine(_folder, "bundle");
        var caBundle = Path.Combine(_folder, "ca.crt");
        await File.WriteAllTextAsync(caBundle, "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n");
        var spec = new RuntimeImageSpec().OnScratch().WithBinary(ImageBinaries.Hello).WithBinary(ImageBinaries.Hello, "hello-copy").WithCaBundle(caBundle);

        var image = await DaemonlessComposeStep.RunAsync(Request(spec, "umoci", "hello:ca"), _logger);
        var rootfs = OciReaders.UmociUnpack(image.LayoutDirectory!, "ca", bundle);

        Convert.ToString((int)File.GetUnixFileMode(Path.Combine(rootfs, "app", "hello")), 8).ShouldBe("755");
        Convert.ToString((int)File.GetUnixFileMode(Path.Combine(rootfs, "app", "hello-copy")), 8).ShouldBe("755");
        Convert.ToString((int)File.GetUnixFileMode(Path.Combine(rootfs, "app")), 8).ShouldBe("755");
        Convert.ToString((int)File.GetUnixFileMode(Path.Combine(rootfs, "etc", "ssl", "certs", "ca-certificates.crt")), 8).ShouldBe("644");
        (await File.ReadAllBytesAsync(Path.Combine(rootfs, "app", "hello"))).ShouldBe(await File.ReadAllBytesAsync(ImageBinaries.Hello));
        File.GetLastWriteTimeUtc(Path.Combine(rootfs, "app", "hello")).ShouldBe(Created.UtcDateTime);
        Directory.EnumerateFileSystemEntries(rootfs).Select(Path.GetFileName).Order().ShouldBe(["app", "etc", "tmp"]);
        File.ReadAllText(Path.Combine(rootfs, "etc", "passwd")).ShouldContain("nonroot:x:65532:65532:");
        using var runtimeConfig = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(bundle, "config.json")));
        var process = runtimeConfig.RootElement.GetProperty("process");
        process.GetProperty("user").GetProperty("uid").GetInt32().ShouldBe(65532);
        process.GetProperty("args").EnumerateArray().Select(a => a.GetString()).ShouldBe(["/app/hello"]);
        process.GetProperty("cwd").GetString().ShouldBe("/app");
    }

    [Fact]
    public async Task The_same_spec_and_time_give_the_same_bytes_in_a_fresh_cache_and_folder()
    {
        var spec = new RuntimeImageSpec().OnScratch().WithBinary(ImageBinaries.Hello).WithLabel("a", "b");

        var first = await DaemonlessComposeStep.RunAsync(Request(spec, "one", "hello:same"), _logger);
        var second = await DaemonlessComposeStep.RunAsync(Request(spec, "two", "hello:same"), _logger);
        var later = await DaemonlessComposeStep.RunAsync(Request(spec, "three", "hello:same") with { Created = Created.AddSeconds(1) }, _logger);

        second.ManifestDigest.ShouldBe(first.ManifestDigest);
        (await File.ReadAllBytesAsync(second.ArchivePath!)).ShouldBe(await File.ReadAllBytesAsync(first.ArchivePath!));
        (await File.ReadAllBytesAsync(Path.Combine(second.LayoutDirectory!, "index.json"))).ShouldBe(await File.ReadAllBytesAsync(Path.Combine(first.LayoutDirectory!, "index.json")));
        later.ManifestDigest.ShouldNotBe(first.ManifestDigest, "the time is part of the image: mtimes and created");
    }

    [Fact]
    public async Task Several_tags_become_several_names_in_one_layout_and_other_names_already_there_stay()
    {
        var spec = new RuntimeImageSpec().OnScratch().WithBinary(ImageBinaries.Hello);
        var request = Request(spec, "tags", "hello:1.0", "hello:latest");
        await DaemonlessComposeStep.RunAsync(request with { Tags = ["other:keep"] }, _logger);

        var image = await DaemonlessComposeStep.RunAsync(request, _logger);

        foreach (var tag in new[] { "1.0", "latest" })
            OciReaders.SkopeoInspect($"oci:{image.LayoutDirectory}:{tag}").Digest.ShouldBe(image.ManifestDigest.ToString());
        OciReaders.SkopeoInspect($"oci:{image.LayoutDirectory}:keep").Digest.ShouldBe(image.ManifestDigest.ToString(), "same content, other name: kept");
    }

    [Fact]
    public async Task Apk_certificates_need_an_engine_and_the_error_says_what_to_do_instead()
    {
        var spec = new RuntimeImageSpec().WithBaseImage("alpine:3.20").WithBinary(ImageBinaries.Hello).WithApkCaCertificates();

        var error = await Should.ThrowAsync<DaemonlessComposeException>(() => DaemonlessComposeStep.RunAsync(Request(spec, "apk", "hello:apk"), _logger));

        error.Message.ShouldContain("stage a CA bundle instead");
    }
}
