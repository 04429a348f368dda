using MiniContainer.Compose;
using MiniContainer.Docker;
using MiniContainer.Images;
using MiniContainer.IntegrationTests.Fixtures;
using MiniContainer.SmokeTest;
using Xunit.Abstractions;

namespace MiniContainer.IntegrationTests.SmokeTest;

[Collection(EngineCollection.Name)]
public sealed class ComposeAndSmokeTestTests(ITestOutputHelper output) : IAsyncLifetime
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
        (await LeftoverContainers.OfStepsAsync(_engine, SmokeTestStep.StepName)).ShouldBeEmpty("the smoke test must remove its containers");
        await _images.DisposeAsync();
        _engine.Dispose();
    }

    private static RuntimeImageSpec HelloSpec => new RuntimeImageSpec().WithBinary(ImageBinaries.Hello);

    [EngineFact]
    public async Task Hello_on_the_alpine_stand_in_runs_its_version_command_as_the_non_root_user()
    {
        var spec = HelloSpec.WithBaseImage(TestBed.AlpineImage)
            .WithLabels(OciLabels.From(new OciLabelValues { Title = "hello", Version = "1.0.0", Created = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000) }));

        var image = await ComposeImageStep.RunAsync(_engine, new ComposeImageRequest(spec, _images.NewTag("hello", "alpine")), _logger);
        var result = await SmokeTestStep.RunAsync(_engine, image.Reference, SmokeTestSpec.OneShot("hello dev (go1.19", "--version"), _logger);

        result.OutputText.ShouldContain("user uid 65532");
        var inspected = await _engine.Client.Images.InspectImageAsync(image.Id);
        inspected.Config!.User.ShouldBe("65532:65532");
        inspected.Config.WorkingDir.ShouldBe("/app");
        inspected.Config!.Labels![OciLabels.Created].ShouldBe("2023-11-14T22:13:20Z");
        image.Sizes.Binaries["hello"].ShouldBe(new FileInfo(ImageBinaries.Hello).Length);
        image.Sizes.BaseImage.ShouldBeGreaterThan(0);
        image.Sizes.Total.ShouldBeGreaterThanOrEqualTo(image.Sizes.BaseImage + image.Sizes.AllBinaries);
        _logger.Text.ShouldContain("binaries");
    }

    [EngineFact]
    public async Task Hello_on_scratch_runs_its_version_command_as_nonroot_named_by_the_passwd_file_written_for_it()
    {
        var image = await ComposeImageStep.RunAsync(_engine, new ComposeImageRequest(HelloSpec.OnScratch(), _images.NewTag("hello", "scratch")), _logger);

        var result = await SmokeTestStep.RunAsync(_engine, image.Reference, SmokeTestSpec.OneShot("hello dev", "--version"), _logger);

        result.OutputText.ShouldContain("user nonroot");
        image.Sizes.BaseImage.ShouldBe(0);
        // The binary and scratch's /etc/passwd and /etc/group.
        image.Sizes.Total.ShouldBe(image.Sizes.AllBinaries + MiniContainer.Oci.Layers.ScratchSystemFiles.For(RuntimeImageSpec.DefaultUser).Entries.Sum(e => e.Content?.Length ?? 0));
    }

    [EngineFact]
    public async Task Opting_out_of_the_non_root_user_runs_as_the_base_images_root()
    {
        var image = await ComposeImageStep.RunAsync(_engine,
            new ComposeImageRequest(HelloSpec.WithBaseImage(TestBed.AlpineImage).AsBaseImageUser(), _images.NewTag("hello", "root")), _logger);

        var result = await SmokeTestStep.RunAsync(_engine, image.Reference, SmokeTestSpec.OneShot("user root", "--version"), _logger);

        result.OutputText.ShouldNotContain("65532");
    }

    [EngineTheory]
    [InlineData(ImageAssembly.Load)]
    [InlineData(ImageAssembly.DockerfileBuild)]
    public async Task Composing_the_same_inputs_again_reuses_the_engines_cache_and_gives_the_same_image(ImageAssembly assembly)
    {
        var spec = HelloSpec.OnScratch().WithLabel(OciLabels.Title, "hello");
        var first = await ComposeImageStep.RunAsync(_engine, new ComposeImageRequest(spec, _images.NewTag("hello", "cache-1")) { Assembly = assembly }, _logger);
        var second = await ComposeImageStep.RunAsync(_engine, new ComposeImageRequest(spec, _images.NewTag("hello", "cache-2")) { Assembly = assembly }, _logger);

        first.Assembly.ShouldBe(assembly);
        second.Id.ShouldBe(first.Id);
        second.UpToDate.ShouldBeTrue();
        (await _engine.Client.Images.InspectImageAsync(second.Tags[0])).ID.ShouldBe(first.Id);
    }

    [EngineTheory]
    [InlineData(ImageAssembly.Load)]
    [InlineData(ImageAssembly.DockerfileBuild)]
    public async Task An_up_to_date_image_gets_its_moved_tag_back_and_a_changed_binary_is_built_anew(ImageAssembly assembly)
    {
        var spec = HelloSpec.OnScratch().WithLabel(OciLabels.Title, "hello-moved");
        var tag = _images.NewTag("hello", "moved");
        var first = await ComposeImageStep.RunAsync(_engine, new ComposeImageRequest(spec, tag) { Assembly = assembly }, _logger);
        var (repository, version) = (tag[..tag.LastIndexOf(':')], tag[(tag.LastIndexOf(':') + 1)..]);
        await _engine.Client.Images.TagImageAsync(TestBed.AlpineImage, new() { RepositoryName = repository, Tag = version });

        var again = await ComposeImageStep.RunAsync(_engine, new ComposeImageRequest(spec, tag) { Assembly = assembly }, _logger);
        var tagAfterAgain = (await _engine.Client.Images.InspectImageAsync(tag)).ID;
        var changedBinary = Path.Combine(TestBed.TempDirectory("changed"), "hello");
        File.Copy(ImageBinaries.Hello, changedBinary);
        File.AppendAllText(changedBinary, "trailing bytes change the content, not the program");
        var changed = await ComposeImageStep.RunAsync(_engine, new ComposeImageRequest(new RuntimeImageSpec().OnScratch().WithBinary(changedBinary).WithLabel(OciLabels.Title, "hello-moved"), tag) { Assembly = assembly }, _logger);

        again.UpToDate.ShouldBeTrue();
        again.Id.ShouldBe(first.Id);
        tagAfterAgain.ShouldBe(first.Id);
        (await _engine.Client.Images.InspectImageAsync(tag)).ID.ShouldBe(changed.Id);
        changed.UpToDate.ShouldBeFalse();
        changed.Id.ShouldNotBe(first.Id);
    }

    [EngineFact]
    public async Task A_server_passes_when_it_keeps_running_and_answers_HTTP_on_loopback()
    {
        var port = RegistryFixture.FreePort();
        var image = await ComposeImageStep.RunAsync(_engine,
            new ComposeImageRequest(HelloSpec.OnScratch().WithExposedPort(port), _images.NewTag("hello", "server")), _logger);

        var spec = SmokeTestSpec.ForServer(port, "--addr", $"127.0.0.1:{port}") with { TimeLimit = TimeSpan.FromSeconds(20) };
        var result = await SmokeTestStep.RunAsync(_engine, image.Reference, spec, _logger);

        result.Checked.ShouldContain("answered 200");
    }

    [EngineFact]
    public async Task A_port_that_never_answers_fails_at_the_time_limit_with_the_containers_output()
    {
        var listening = RegistryFixture.FreePort();
        var probed = RegistryFixture.FreePort();
        var image = await ComposeImageStep.RunAsync(_engine, new ComposeImageRequest(HelloSpec.OnScratch(), _images.NewTag("hello", "silent")), _logger);
        var spec = SmokeTestSpec.ForServer(probed, "--addr", $"127.0.0.1:{listening}") with { TimeLimit = TimeSpan.FromSeconds(4) };

        var error = await Should.ThrowAsync<SmokeTestFailedException>(() => SmokeTestStep.RunAsync(_engine, image.Reference, spec, _logger));

        error.Message.ShouldContain($"no HTTP answer on 127.0.0.1:{probed}/ within the time limit of 4 s");
        error.Message.ShouldContain($"listening on 127.0.0.1:{listening}");
    }

    [EngineFact]
    public async Task A_wrong_exit_code_or_output_fails_with_the_containers_output()
    {
        var image = await ComposeImageStep.RunAsync(_engine, new ComposeImageRequest(HelloSpec.OnScratch(), _images.NewTag("hello", "wrong")), _logger);

        var wrongOutput = await Should.ThrowAsync<SmokeTestFailedException>(() =>
            SmokeTestStep.RunAsync(_engine, image.Reference, SmokeTestSpec.OneShot("goodbye", "--version"), _logger));
        var wrongExit = await Should.ThrowAsync<SmokeTestFailedException>(() =>
            SmokeTestStep.RunAsync(_engine, image.Reference, new SmokeTestSpec { Arguments = ["--no-such-flag"] }, _logger));

        wrongOutput.Message.ShouldContain("does not contain \"goodbye\"");
        wrongOutput.Message.ShouldContain("hello dev (go1.19");
        wrongExit.Message.ShouldContain("exited with code 2, expected 0");
        wrongExit.Message.ShouldContain("flag provided but not defined: -no-such-flag");
    }

    [EngineFact]
    public async Task Several_binaries_go_into_one_image_and_each_can_get_its_own_image()
    {
        var spec = HelloSpec.OnScratch().WithBinary(ImageBinaries.HttpsClient);

        var both = await ComposeImageStep.RunAsync(_engine, new ComposeImageRequest(spec, _images.NewTag("both", "scratch")), _logger);
        var perBinary = spec.SplitPerBinary();
        var client = await ComposeImageStep.RunAsync(_engine, new ComposeImageRequest(perBinary[1], _images.NewTag("https-client", "scratch")), _logger);

        both.Sizes.Binaries.Keys.ShouldBe(["hello", "https-client"], ignoreOrder: true);
        await SmokeTestStep.RunAsync(_engine, both.Reference, SmokeTestSpec.OneShot("hello dev", "--version"), _logger);
        var usage = await SmokeTestStep.RunAsync(_engine, client.Reference, new SmokeTestSpec { Arguments = [], ExpectedExitCode = 2, ExpectedOutput = "usage: https-client" }, _logger);
        usage.OutputText.ShouldContain("usage");
    }
}
