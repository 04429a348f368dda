using MiniContainer.Compose;
using MiniContainer.Images;
using MiniContainer.IntegrationTests.Fixtures;
using MiniContainer.Oci;
using MiniContainer.Oci.Bases;
using MiniContainer.Oci.Outputs;
using MiniContainer.Publish;
using MiniContainer.Registry;
using Xunit.Abstractions;

namespace MiniContainer.IntegrationTests.Oci;

/// <summary>The daemonless image with bases from an archive, a layout and a registry, checked by docker load, umoci and skopeo.</summary>
[Collection(EngineCollection.Name)]
public sealed class BaseImageTests(AnonymousRegistryFixture registry, ITestOutputHelper output) : IClassFixture<AnonymousRegistryFixture>, IDisposable
{
    private static readonly string RunId = Guid.NewGuid().ToString("N")[..8];
    private readonly TestLogger _logger = new(output);
    private readonly string _folder = TestBed.TempDirectory("oci-bases");
    private readonly List<string> _loaded = [];

    public void Dispose()
    {
        foreach (var image in _loaded) DockerLoad.Remove(image);
        Directory.Delete(_folder, recursive: true);
    }

    private DaemonlessComposeRequest Request(RuntimeImageSpec spec, string name, BaseImageSource source, string? cache = null)
    {
        var tag = $"minicontainer-test/oci-{name}:{RunId}";
        _loaded.Add(tag);
        return new DaemonlessComposeRequest(spec, [tag], new OciOutputs(Path.Combine(_folder, name, "layout"), Path.Combine(_folder, name, "image.docker.tar")))
        {
            Base = source,
            Created = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000),
            BlobCache = new BlobStore(cache ?? Path.Combine(_folder, name, "cache")),
        };
    }

    private static RuntimeImageSpec Hello => new RuntimeImageSpec().WithBinary(ImageBinaries.Hello);

    [EngineFact]
    public async Task The_docker_archive_of_a_scratch_image_loads_and_runs_hello_as_the_non_root_user_under_its_config_digest()
    {
        var image = await DaemonlessComposeStep.RunAsync(Request(Hello.OnScratch(), "scratch", new BaseImageSource.Scratch()), _logger);

        DockerLoad.Load(image.ArchivePath!).ShouldContain($"Loaded image: {image.Tags[0]}");
        var run = DockerLoad.Run(image.Tags[0], "--version");
        run.ExitCode.ShouldBe(0, run.Output);
        run.StandardOutput.ShouldContain("hello dev (go1.19");
        run.StandardOutput.ShouldContain("user nonroot");
        ProcessRunner.Run("docker", ["image", "inspect", "--format", "{{.Id}}", image.Tags[0]]).StandardOutput.Trim().ShouldBe(image.ConfigDigest.ToString());
    }

    [EngineFact]
    public async Task A_docker_archive_base_from_docker_save_keeps_its_files_and_env_under_the_app_layer()
    {
        var image = await DaemonlessComposeStep.RunAsync(Request(Hello, "from-archive", new BaseImageSource.DockerArchive(AlpineStandInArchive.File)), _logger);

        DockerLoad.Load(image.ArchivePath!);
        DockerLoad.Run(image.Tags[0], "--version").StandardOutput.ShouldContain("hello dev");
        var shell = ProcessRunner.Run("docker", ["run", "--rm", "--network", "none", "--entrypoint", "/bin/sh", image.Tags[0], "-c", "ls -ln /app; echo PATH=$PATH"]);
        shell.ExitCode.ShouldBe(0, shell.Output);
        shell.StandardOutput.ShouldContain("-rwxr-xr-x");
        shell.StandardOutput.ShouldContain("hello");
        shell.StandardOutput.ShouldContain("PATH=/usr/local/sbin");
    }

    [EngineFact]
    public async Task An_OCI_layout_base_unpacks_with_umoci_into_the_base_files_and_the_app()
    {
        var baseLayout = Path.Combine(_folder, "alpine-layout");
        AlpineStandInArchive.CopyTo($"oci:{baseLayout}:3");

        var image = await DaemonlessComposeStep.RunAsync(Request(Hello, "from-layout", new BaseImageSource.OciLayout(baseLayout, "3")), _logger);
        var rootfs = OciReaders.UmociUnpack(image.LayoutDirectory!, image.Tags[0].Split(':')[1], Path.Combine(_folder, "bundle"));

        File.Exists(Path.Combine(rootfs, "app", "hello")).ShouldBeTrue();
        Directory.Exists(Path.Combine(rootfs, "bin")).ShouldBeTrue("the base's files are under the app layer");
        BaseImageSource.Parse($"oci:{baseLayout}:3").ShouldBe(new BaseImageSource.OciLayout(baseLayout, "3"));
    }

    [EngineFact]
    public async Task A_registry_base_is_pulled_once_then_built_from_the_cache_and_its_layers_are_mounted_on_push()
    {
        var baseReference = $"{registry.Address}/base/alpine:3";
        AlpineStandInArchive.CopyTo($"docker://{baseReference}", "--dest-tls-verify=false");
        var cache = Path.Combine(_folder, "shared-cache");

        var first = await DaemonlessComposeStep.RunAsync(Request(Hello.WithBaseImage(baseReference), "from-registry", BaseImageSource.Parse(baseReference), cache), _logger);
        var second = await DaemonlessComposeStep.RunAsync(Request(Hello.WithBaseImage(baseReference), "from-registry-again", BaseImageSource.Parse(baseReference), cache), _logger);

        first.BaseDownloads.ShouldBeGreaterThanOrEqualTo(3, "manifest, config and at least one layer");
        second.BaseDownloads.ShouldBe(0);
        second.ManifestDigest.ShouldBe(first.ManifestDigest);
        DockerLoad.Load(first.ArchivePath!);
        DockerLoad.Run(first.Tags[0], "--version").StandardOutput.ShouldContain("hello dev");

        var pushed = await DistributionPublishStep.RunAsync(new DistributionPublishRequest(first.LayoutDirectory!, new PublishRequest
        {
            Registry = registry.Address, Repository = "team/hello-on-alpine", Tag = "1", DockerConfigFile = Path.Combine(_folder, "none.json"),
            DigestFile = Path.Combine(_folder, "digest.txt"),
        }), _logger);
        pushed.Counts.Mounted.ShouldBeGreaterThanOrEqualTo(1, "the base's layers are mounted from base/alpine");
        pushed.Counts.Uploaded.ShouldBe(2, "the app layer and the config");
        OciReaders.SkopeoInspect($"docker://{registry.Address}/team/hello-on-alpine:1", "--tls-verify=false").Digest.ShouldBe(first.ManifestDigest.ToString());
    }

    [EngineFact]
    public async Task A_manifest_list_resolves_to_the_platform_and_a_missing_platform_lists_the_ones_there_are()
    {
        var multi = await ManifestListAsync("base/multi");

        var onThisMachine = await DaemonlessComposeStep.RunAsync(Request(Hello.WithBaseImage(multi), "multi-host", BaseImageSource.Parse(multi)) with
        {
            Platform = StandInPlatform,
        }, _logger);
        var error = await Should.ThrowAsync<PlatformNotFoundException>(() => DaemonlessComposeStep.RunAsync(
            Request(Hello.WithBaseImage(multi), "multi-s390x", BaseImageSource.Parse(multi)) with { Platform = OciPlatform.Parse("linux/s390x") }, _logger));

        DockerLoad.Load(onThisMachine.ArchivePath!);
        DockerLoad.Run(onThisMachine.Tags[0], "--version").StandardOutput.ShouldContain("hello dev");
        error.Message.ShouldContain($"{multi} has no image for linux/s390x");
        error.Message.ShouldContain($"{StandInPlatform}, {OtherPlatform}");
    }

    /// <summary>The Alpine stand-in is this machine's busybox: its platform is this machine's.</summary>
    private static readonly OciPlatform StandInPlatform = new("linux", HostMachine.GoArch);

    private static readonly OciPlatform OtherPlatform = HostMachine.GoArch == "arm64" ? new("linux", "amd64") : new("linux", "arm64", "v8");

    /// <summary>An index of two platforms: the alpine stand-in (this machine's) and a scratch image of ours marked as another.</summary>
    private async Task<string> ManifestListAsync(string repository)
    {
        AlpineStandInArchive.CopyTo($"docker://{registry.Address}/{repository}:host", "--dest-tls-verify=false", "--format", "oci");
        var composed = await DaemonlessComposeStep.RunAsync(new DaemonlessComposeRequest(Hello.OnScratch(), ["multi:other"], new OciOutputs(Path.Combine(_folder, "other-layout")))
        {
            Platform = OtherPlatform,
            BlobCache = new BlobStore(Path.Combine(_folder, "other-cache")),
        }, _logger);
        await DistributionPublishStep.RunAsync(new DistributionPublishRequest(composed.LayoutDirectory!, new PublishRequest
        {
            Registry = registry.Address, Repository = repository, Tag = "other", DockerConfigFile = Path.Combine(_folder, "none.json"),
            DigestFile = Path.Combine(_folder, "other-digest.txt"),
        }), _logger);

        using var api = new DistributionApiClient(RegistryAddress.For(registry.Address), credentials: null);
        var standIn = await api.GetManifestAsync(repository, "host", CancellationToken.None);
        var other = await api.GetManifestAsync(repository, "other", CancellationToken.None);
        var index = MiniContainer.Oci.Json.ImageIndexJson.Write([
            new OciDescriptor(OciMediaTypes.ImageManifest, standIn.Digest, standIn.Content.Length) { Platform = StandInPlatform },
            new OciDescriptor(OciMediaTypes.ImageManifest, other.Digest, other.Content.Length) { Platform = OtherPlatform },
        ]);
        await api.PutManifestAsync(repository, "multi", index, OciMediaTypes.ImageIndex, CancellationToken.None);
        return $"{registry.Address}/{repository}:multi";
    }
}
