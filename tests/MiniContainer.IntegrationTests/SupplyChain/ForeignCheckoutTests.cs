using MiniContainer.Compose.MultiPlatform;
using MiniContainer.Docker;
using MiniContainer.Go;
using MiniContainer.Go.Builders;
using MiniContainer.Images;
using MiniContainer.IntegrationTests.Fixtures;
using MiniContainer.Oci;
using Xunit.Abstractions;

namespace MiniContainer.IntegrationTests.SupplyChain;

/// <summary>
/// CVE-2022-24765: a checkout owned by another user (here nobody; the build runs as root) whose
/// core.fsmonitor would write a marker. A whole build (compile, verify, compose, SBOM) on the host's Go
/// and in the builder container must never run it, must warn naming the folder, and carries no revision.
/// </summary>
[Collection(EngineCollection.Name)]
public sealed class ForeignCheckoutTests(ITestOutputHelper output) : IDisposable
{
    // In the builder container the output folder is bound here: a marker written there shows on the host.
    private const string ContainerMarker = GoBuilderContainer.OutputPath + "/fsmonitor-ran";

    private readonly TestLogger _logger = new(output);
    private readonly string _folder = TestBed.TempDirectory("foreign-checkout");

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string HostMarker => Path.Combine(_folder, "fsmonitor-ran");

    private string OwnCheckout()
    {
        var checkout = Path.Combine(_folder, "checkout");
        Directory.CreateDirectory(checkout);
        foreach (var file in new[] { "go.mod", "main.go" })
            File.Copy(Path.Combine(TestBed.Example("hello"), file), Path.Combine(checkout, file));
        var git = new Dictionary<string, string> { ["GIT_AUTHOR_NAME"] = "t", ["GIT_AUTHOR_EMAIL"] = "t@example.com", ["GIT_COMMITTER_NAME"] = "t", ["GIT_COMMITTER_EMAIL"] = "t@example.com" };
        foreach (var step in new[] { new[] { "init", "-q" }, ["add", "."], ["commit", "-q", "-m", "c"] })
            ProcessRunner.Run("git", step, checkout, git).ExitCode.ShouldBe(0);
        return checkout;
    }

    private string ForeignCheckout()
    {
        var checkout = OwnCheckout();
        ProcessRunner.Run("git", ["config", "core.fsmonitor", $"touch '{HostMarker}'; touch {ContainerMarker}; exit 1"], checkout).ExitCode.ShouldBe(0);
        ProcessRunner.Run("chown", ["-R", "nobody", checkout]).ExitCode.ShouldBe(0);
        // What the fix must prevent, shown on this machine: git given safe.directory=* runs the command.
        var overridden = new Dictionary<string, string> { ["GIT_CONFIG_COUNT"] = "1", ["GIT_CONFIG_KEY_0"] = "safe.directory", ["GIT_CONFIG_VALUE_0"] = "*" };
        ProcessRunner.Run("git", ["status", "--porcelain"], checkout, overridden).ExitCode.ShouldBe(0);
        File.Exists(HostMarker).ShouldBeTrue("the planted core.fsmonitor must be live for this test to mean anything");
        File.Delete(HostMarker);
        return checkout;
    }

    private async Task<MultiPlatformImage> BuildAsync(SelectedGoBuilder builder, string checkout) =>
        await MultiPlatformImageStep.RunAsync(builder, new MultiPlatformImageRequest
        {
            Module = GoModule.Load(checkout),
            Options = new GoBuildOptions { Cgo = false, Environment = new Dictionary<string, string> { ["GOPROXY"] = "off" } },
            Platforms = TargetPlatforms.Parse($"linux/{GoBuildOptions.HostGoArch()}"),
            Spec = new RuntimeImageSpec().OnScratch(),
            ImageName = "foreign",
            OutputDirectory = Path.Combine(_folder, "artifacts"),
            Builder = new GoBuilder { Image = TestBed.BuilderImage },
            BlobCache = new BlobStore(Path.Combine(_folder, "cache")),
        }, _logger);

    private void ShouldHaveBuiltWithoutTheRevisionAndWarnedOnce(MultiPlatformImage image, string checkout)
    {
        var ran = new[]
        {
            File.Exists(HostMarker) ? "on the host" : null,
            Directory.EnumerateFiles(Path.Combine(_folder, "artifacts"), "fsmonitor-ran", SearchOption.AllDirectories).Any() ? "in the builder container" : null,
        };
        ran.OfType<string>().ShouldBeEmpty("the foreign checkout's core.fsmonitor ran");
        var warnings = _logger.Lines.Where(l => l.StartsWith("[Warning] git refuses the repository", StringComparison.Ordinal)).ToList();
        warnings.ShouldHaveSingleItem().ShouldContain($"at {checkout}: it is owned by another user");
        warnings[0].ShouldContain($"git config --global --add safe.directory {checkout}");
        var platformImage = image.Images.ShouldHaveSingleItem();
        platformImage.Provenance.Revision.ShouldBeNull();
        var (_, config) = Oci.OciReaders.SkopeoInspect($"oci:{image.LayoutDirectory}:{MultiPlatformImageStep.PlatformTag("latest", platformImage.Platform)}");
        var labels = config.GetProperty("config").GetProperty("Labels");
        labels.TryGetProperty(Sbom.ProvenanceLabels.GoVersion, out _).ShouldBeTrue("the provenance labels are there, the revision alone is left out");
        labels.TryGetProperty(OciLabels.Revision, out _).ShouldBeFalse();
    }

    [Fact]
    public async Task On_the_hosts_Go_a_checkout_owned_by_another_user_builds_without_its_revision_and_its_fsmonitor_never_runs()
    {
        var checkout = ForeignCheckout();

        var image = await BuildAsync(SelectedGoBuilder.ForHost(), checkout);

        ShouldHaveBuiltWithoutTheRevisionAndWarnedOnce(image, checkout);
    }

    [EngineFact]
    public async Task In_the_builder_container_a_checkout_owned_by_another_user_builds_without_its_revision_and_its_fsmonitor_never_runs()
    {
        var checkout = ForeignCheckout();
        using var engine = await DockerEngine.ConnectAsync();

        var image = await BuildAsync(SelectedGoBuilder.ForEngine(engine), checkout);

        ShouldHaveBuiltWithoutTheRevisionAndWarnedOnce(image, checkout);
    }

    [EngineFact]
    public async Task In_the_builder_container_a_checkout_of_the_builds_own_user_is_still_stamped_with_its_commit()
    {
        var checkout = OwnCheckout();
        var head = ProcessRunner.Run("git", ["rev-parse", "HEAD"], checkout).StandardOutput.Trim();
        using var engine = await DockerEngine.ConnectAsync();

        var image = await BuildAsync(SelectedGoBuilder.ForEngine(engine), checkout);

        var binary = image.Images.ShouldHaveSingleItem().Binaries.ShouldHaveSingleItem();
        new MiniContainer.Verify.StaticBinaryVerifier().Inspect(binary.Path).Go.BuildInfo!.Setting("vcs.revision").ShouldBe(head);
        _logger.Text.ShouldNotContain("git refuses");
    }
}
