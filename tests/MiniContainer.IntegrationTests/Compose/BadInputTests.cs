using MiniContainer.Compose;
using MiniContainer.Docker;
using MiniContainer.Images;
using MiniContainer.IntegrationTests.Fixtures;
using MiniContainer.Publish;
using MiniContainer.SmokeTest;
using Xunit.Abstractions;

namespace MiniContainer.IntegrationTests.Compose;

[Collection(EngineCollection.Name)]
public sealed class BadInputTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly TestLogger _logger = new(output);
    private DockerEngine _engine = null!;
    private ImageCleanup _images = null!;

    public async Task InitializeAsync()
    {
        _engine = await DockerEngine.ConnectAsync(logger: _logger);
        _images = new ImageCleanup(_engine);
    }

    public async Task DisposeAsync()
    {
        (await LeftoverContainers.OfStepsAsync(_engine, SmokeTestStep.StepName)).ShouldBeEmpty();
        await _images.DisposeAsync();
        _engine.Dispose();
    }

    [EngineFact]
    public async Task A_base_image_missing_locally_and_not_pullable_is_named_and_said_to_be_unpullable()
    {
        // A registry on a closed loopback port: the pull fails without traffic leaving the machine.
        var missing = $"127.0.0.1:{RegistryFixture.FreePort()}/minicontainer/no-such-base:1.0";
        var spec = new RuntimeImageSpec().WithBaseImage(missing).WithBinary(ImageBinaries.Hello);

        var error = await Should.ThrowAsync<BaseImageUnavailableException>(() =>
            ComposeImageStep.RunAsync(_engine, new ComposeImageRequest(spec, _images.NewTag("hello", "missing-base")), _logger));

        error.Message.ShouldContain($"The base image '{missing}' is not in the Docker Engine");
        error.Message.ShouldContain("could not be pulled");
    }

    [EngineFact]
    public async Task An_invalid_tag_is_refused_before_the_engine_builds_anything_and_names_the_tag()
    {
        var spec = new RuntimeImageSpec().OnScratch().WithBinary(ImageBinaries.Hello);

        var error = await Should.ThrowAsync<InvalidImageReferenceException>(() =>
            ComposeImageStep.RunAsync(_engine, new ComposeImageRequest(spec, "Hello:1"), _logger));

        error.Part.ShouldBe("repository");
        var tagError = await Should.ThrowAsync<InvalidImageReferenceException>(() =>
            ComposeImageStep.RunAsync(_engine, new ComposeImageRequest(spec, "hello:.dot"), _logger));
        tagError.Part.ShouldBe("tag");
        tagError.Message.ShouldContain("'.dot'");
    }

    [EngineFact]
    public async Task An_invalid_repository_for_publishing_names_the_repository()
    {
        var request = new PublishRequest { Registry = "127.0.0.1:5000", Repository = "Team/Hello", Tag = "1.0" };

        var error = await Should.ThrowAsync<InvalidImageReferenceException>(() => PublishImageStep.RunAsync(_engine, "unused", request, _logger));

        error.Part.ShouldBe("repository");
        error.Message.ShouldContain("'Team'");
    }

    [EngineFact]
    public async Task A_missing_image_for_the_smoke_test_says_it_is_not_in_the_engine()
    {
        var error = await Should.ThrowAsync<DockerImageMissingException>(() =>
            SmokeTestStep.RunAsync(_engine, $"minicontainer-test/never-built:{ImageCleanup.RunId}", SmokeTestSpec.OneShot("x"), _logger));

        error.Message.ShouldContain("never-built");
    }
}
