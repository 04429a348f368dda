using MiniContainer.Compose;
using MiniContainer.Docker.Credentials;
using MiniContainer.Images;
using MiniContainer.IntegrationTests.Fixtures;
using MiniContainer.IntegrationTests.Oci;
using MiniContainer.Oci;
using MiniContainer.Oci.Outputs;
using MiniContainer.Publish;
using MiniContainer.Registry;
using Xunit.Abstractions;

namespace MiniContainer.IntegrationTests.Publish;

public sealed class DistributionPushTests(RegistryFixture registry, AnonymousRegistryFixture open, ITestOutputHelper output)
    : IClassFixture<RegistryFixture>, IClassFixture<AnonymousRegistryFixture>, IAsyncLifetime
{
    private readonly TestLogger _logger = new(output);
    private readonly string _folder = TestBed.TempDirectory("oci-push");
    private DaemonlessImage _image = null!;

    public async Task InitializeAsync()
    {
        var caBundle = Path.Combine(_folder, "ca.crt");
        await File.WriteAllTextAsync(caBundle, "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n");
        var spec = new RuntimeImageSpec().OnScratch().WithBinary(ImageBinaries.Hello).WithCaBundle(caBundle);
        _image = await DaemonlessComposeStep.RunAsync(new DaemonlessComposeRequest(spec, ["hello:push"], new OciOutputs(Path.Combine(_folder, "layout")))
        {
            Created = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000),
            BlobCache = new BlobStore(Path.Combine(_folder, "cache")),
        }, _logger);
    }

    public Task DisposeAsync()
    {
        Directory.Delete(_folder, recursive: true);
        return Task.CompletedTask;
    }

    private DistributionPublishRequest To(string address, string repository, string tag, RegistryCredentials? credentials) =>
        new(_image.LayoutDirectory!, new PublishRequest
        {
            Registry = address,
            Repository = repository,
            Tag = tag,
            Credentials = credentials,
            DockerConfigFile = Path.Combine(_folder, "no-config.json"),
            DigestFile = Path.Combine(_folder, $"digest-{tag}.txt"),
        });

    private static RegistryCredentials Right => new(RegistryFixture.Username, RegistryFixture.Password);

    [Fact]
    public async Task A_push_with_htpasswd_credentials_gives_the_digest_skopeo_reads_and_a_second_push_uploads_no_blob()
    {
        var first = await DistributionPublishStep.RunAsync(To(registry.Address, "team/hello", "v1", Right) with { AdditionalTags = ["latest"] }, _logger);
        var second = await DistributionPublishStep.RunAsync(To(registry.Address, "team/hello", "v2", Right), _logger);

        first.Digest.ShouldBe(_image.ManifestDigest.ToString());
        registry.DigestBySkopeo("team/hello", "v1").ShouldBe(first.Digest);
        registry.DigestBySkopeo("team/hello", "latest").ShouldBe(first.Digest);
        registry.DigestBySkopeo("team/hello", "v2").ShouldBe(first.Digest);
        first.Counts.ShouldBe(new PushCounts(Uploaded: 4, Mounted: 0, AlreadyThere: 0), "three layers (CA, scratch's system files, app) and the config");
        second.Counts.ShouldBe(new PushCounts(Uploaded: 0, Mounted: 0, AlreadyThere: 4));
        (await File.ReadAllTextAsync(first.Published.DigestFile)).Trim().ShouldBe(first.Digest);
        _logger.Text.ShouldNotContain(RegistryFixture.Password);
    }

    [Fact]
    public async Task A_push_to_a_registry_without_auth_is_anonymous_and_skopeo_reads_the_same_digest()
    {
        var pushed = await DistributionPublishStep.RunAsync(To(open.Address, "hello", "anon", credentials: null), _logger);

        var (digest, config) = OciReaders.SkopeoInspect($"docker://{open.Address}/hello:anon", "--tls-verify=false");
        digest.ShouldBe(pushed.Digest);
        digest.ShouldBe(_image.ManifestDigest.ToString());
        config.GetProperty("config").GetProperty("User").GetString().ShouldBe("65532:65532");
        _logger.Text.ShouldContain("no credentials (anonymous)");
    }

    [Fact]
    public async Task Chunked_uploads_store_the_same_blobs_as_whole_ones()
    {
        var pushed = await DistributionPublishStep.RunAsync(
            To(open.Address, "chunked/hello", "chunks", credentials: null) with { UploadMode = BlobUploadMode.Chunked, ChunkSize = 1024 * 1024 }, _logger);

        pushed.Counts.Uploaded.ShouldBe(4);
        OciReaders.SkopeoInspect($"docker://{open.Address}/chunked/hello:chunks", "--tls-verify=false").Digest.ShouldBe(_image.ManifestDigest.ToString());
        var copy = ProcessRunner.Run("skopeo", ["copy", "--src-tls-verify=false", $"docker://{open.Address}/chunked/hello:chunks", $"oci:{Path.Combine(_folder, "copied")}:c"]);
        copy.ExitCode.ShouldBe(0, copy.Output); // skopeo verifies every blob's digest as it copies
    }

    [Fact]
    public async Task A_wrong_password_is_a_401_named_with_the_url_and_never_the_password()
    {
        const string wrong = "wrong-Pw-31-do-not-print";

        var error = await Should.ThrowAsync<RegistryRequestException>(() =>
            DistributionPublishStep.RunAsync(To(registry.Address, "team/hello", "denied", new RegistryCredentials(RegistryFixture.Username, wrong)), _logger));

        error.Failure.ShouldBe(RegistryFailure.Unauthorized);
        error.Message.ShouldContain("401");
        error.Message.ShouldContain($"http://{registry.Address}/v2/team/hello/manifests/denied"); // the first request: does the tag already name this manifest?
        error.ToString().ShouldNotContain(wrong);
        _logger.Text.ShouldNotContain(wrong);
    }

    [Fact]
    public async Task No_credentials_for_an_htpasswd_registry_is_a_401_that_says_to_log_in()
    {
        var error = await Should.ThrowAsync<RegistryRequestException>(() =>
            DistributionPublishStep.RunAsync(To(registry.Address, "team/hello", "nocreds", credentials: null), _logger));

        error.Failure.ShouldBe(RegistryFailure.Unauthorized);
        error.Message.ShouldContain($"docker login {registry.Address}");
    }

    [Fact]
    public async Task Credentials_come_from_config_json_auths_as_on_the_engine_path()
    {
        var config = Path.Combine(_folder, "config.json");
        var auth = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{RegistryFixture.Username}:{RegistryFixture.Password}"));
        await File.WriteAllTextAsync(config, "{\"auths\":{\"http://" + registry.Address + "/v1/\":{\"auth\":\"" + auth + "\"}}}");

        var pushed = await DistributionPublishStep.RunAsync(To(registry.Address, "team/hello", "fromconfig", credentials: null) with
        {
            Target = To(registry.Address, "team/hello", "fromconfig", null).Target with { DockerConfigFile = config },
        }, _logger);

        registry.DigestBySkopeo("team/hello", "fromconfig").ShouldBe(pushed.Digest);
        _logger.Text.ShouldContain("(auths)");
    }

    [Fact]
    public async Task An_unreachable_registry_is_named_in_the_error()
    {
        var nowhere = $"127.0.0.1:{RegistryFixture.FreePort()}";

        var error = await Should.ThrowAsync<RegistryRequestException>(() => DistributionPublishStep.RunAsync(To(nowhere, "hello", "x", null), _logger));

        error.Failure.ShouldBe(RegistryFailure.Unreachable);
        error.Message.ShouldContain($"The registry {nowhere} could not be reached");
    }
}
