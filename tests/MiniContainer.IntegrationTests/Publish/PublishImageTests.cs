using MiniContainer.Compose;
using MiniContainer.Docker;
using MiniContainer.Docker.Credentials;
using MiniContainer.Images;
using MiniContainer.IntegrationTests.Fixtures;
using MiniContainer.Publish;
using Xunit.Abstractions;

namespace MiniContainer.IntegrationTests.Publish;

[Collection(EngineCollection.Name)]
public sealed class PublishImageTests(RegistryFixture registry, ITestOutputHelper output) : IClassFixture<RegistryFixture>, IAsyncLifetime
{
    private readonly TestLogger _logger = new(output);
    private readonly string _folder = TestBed.TempDirectory("publish");
    private DockerEngine _engine = null!;
    private ImageCleanup _images = null!;
    private ComposedEngineImage _image = null!;

    public async Task InitializeAsync()
    {
        // The engine logs through the same logger: its push lines are checked for secrets too.
        _engine = await DockerEngine.ConnectAsync(logger: _logger);
        _images = new ImageCleanup(_engine);
        _image = await ComposeImageStep.RunAsync(_engine,
            new ComposeImageRequest(new RuntimeImageSpec().OnScratch().WithBinary(ImageBinaries.Hello), _images.NewTag("hello", "publish")), _logger);
    }

    public async Task DisposeAsync()
    {
        await _images.DisposeAsync();
        _engine.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private PublishRequest To(string registryAddress, string tag, RegistryCredentials? credentials, string? dockerConfig = null)
    {
        _images.Track($"{registryAddress}/team/hello:{tag}");
        return new PublishRequest
        {
            Registry = registryAddress,
            Repository = "team/hello",
            Tag = tag,
            Credentials = credentials,
            // An empty config: the test must not pick up this machine's own docker login.
            DockerConfigFile = dockerConfig ?? Path.Combine(_folder, "no-config.json"),
            DigestFile = Path.Combine(_folder, $"digest-{tag}.txt"),
        };
    }

    [EngineFact]
    public async Task The_right_credentials_push_and_the_saved_digest_is_what_skopeo_reads_from_the_registry()
    {
        var tag = $"{ImageCleanup.RunId}-ok";

        var published = await PublishImageStep.RunAsync(_engine, _image.Id,
            To(registry.Address, tag, new RegistryCredentials(RegistryFixture.Username, RegistryFixture.Password)), _logger);

        published.Digest.ShouldMatch("^sha256:[a-f0-9]{64}$");
        published.Digest.ShouldBe(registry.DigestBySkopeo("team/hello", tag));
        (await File.ReadAllTextAsync(published.DigestFile)).Trim().ShouldBe(published.Digest);
        published.PinnedReference.ShouldBe($"{registry.Address}/team/hello@{published.Digest}");
        _logger.Text.ShouldContain(published.Digest);
        _logger.Text.ShouldNotContain(RegistryFixture.Password);
    }

    [EngineFact]
    public async Task Wrong_credentials_end_in_a_clear_error_that_never_shows_the_password()
    {
        const string wrongPassword = "wrong-Pw-77-do-not-print";

        var error = await Should.ThrowAsync<ImagePushFailedException>(() => PublishImageStep.RunAsync(_engine, _image.Id,
            To(registry.Address, $"{ImageCleanup.RunId}-denied", new RegistryCredentials(RegistryFixture.Username, wrongPassword)), _logger));

        error.Failure.ShouldBe(PushFailure.Unauthorized);
        error.Message.ShouldContain($"The registry {registry.Address} refused the credentials");
        error.ToString().ShouldNotContain(wrongPassword);
        _logger.Text.ShouldContain("refused the credentials");
        _logger.Text.ShouldNotContain(wrongPassword);
        _logger.Text.ShouldNotContain(RegistryFixture.Password);
    }

    [EngineFact]
    public async Task A_registry_that_is_not_reachable_is_named_in_the_error()
    {
        var nowhere = $"127.0.0.1:{RegistryFixture.FreePort()}";

        var error = await Should.ThrowAsync<ImagePushFailedException>(() => PublishImageStep.RunAsync(_engine, _image.Id,
            To(nowhere, $"{ImageCleanup.RunId}-nowhere", new RegistryCredentials("u", "p")), _logger));

        error.Failure.ShouldBe(PushFailure.RegistryUnreachable);
        error.Message.ShouldContain($"The registry {nowhere} could not be reached");
    }

    [EngineFact]
    public async Task Credentials_come_from_a_credential_helper_named_in_config_json()
    {
        // A real docker-credential-<name> program on PATH, speaking the helper protocol.
        var bin = Path.Combine(_folder, "bin");
        Directory.CreateDirectory(bin);
        var asked = Path.Combine(_folder, "asked.txt");
        var helper = Path.Combine(bin, "docker-credential-mctest");
        await File.WriteAllTextAsync(helper, $$"""
            #!/bin/sh
            [ "$1" = get ] || exit 1
            read -r server
            printf '%s' "$server" > '{{asked}}'
            if [ "$server" = '{{registry.Address}}' ]; then
              printf '{"ServerURL":"%s","Username":"{{RegistryFixture.Username}}","Secret":"{{RegistryFixture.Password}}"}' "$server"
            else
              echo "credentials not found in native keychain"; exit 1
            fi
            """.ReplaceLineEndings("\n"));
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(helper, (UnixFileMode)Convert.ToInt32("755", 8));
        var config = Path.Combine(_folder, "config.json");
        await File.WriteAllTextAsync(config, """{"credHelpers":{"REGISTRY":"mctest"},"auths":{"REGISTRY":{}}}""".Replace("REGISTRY", registry.Address));

        var path = Environment.GetEnvironmentVariable("PATH");
        Environment.SetEnvironmentVariable("PATH", $"{bin}:{path}");
        try
        {
            var tag = $"{ImageCleanup.RunId}-helper";
            var published = await PublishImageStep.RunAsync(_engine, _image.Id, To(registry.Address, tag, credentials: null, config), _logger);

            published.Digest.ShouldBe(registry.DigestBySkopeo("team/hello", tag));
            (await File.ReadAllTextAsync(asked)).ShouldBe(registry.Address);
            _logger.Text.ShouldContain("credential helper docker-credential-mctest");
            _logger.Text.ShouldNotContain(RegistryFixture.Password);
            (await new CredentialHelperProcess().GetAsync("mctest", "other.example.com", CancellationToken.None)).ShouldBeNull();
        }
        finally
        {
            Environment.SetEnvironmentVariable("PATH", path);
        }
    }
}
