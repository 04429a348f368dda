using Microsoft.Extensions.Logging.Abstractions;
using MiniContainer.Compose.MultiPlatform;
using MiniContainer.Go;
using MiniContainer.Go.Builders;
using MiniContainer.Images;
using MiniContainer.IntegrationTests.Fixtures;
using MiniContainer.Oci;
using MiniContainer.Publish;
using MiniContainer.Sbom;
using MiniContainer.Sbom.Attach;

namespace MiniContainer.IntegrationTests.SupplyChain;

/// <summary>What fails before building, the dirty mark on a real checkout, and attaching an SBOM after a one-image push.</summary>
public sealed class SupplyChainEdgeTests : IDisposable
{
    private readonly string _folder = TestBed.TempDirectory("supply-chain-edges");

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Cgo_on_for_arm64_without_a_cross_compiler_fails_before_anything_is_built()
    {
        var output = Path.Combine(_folder, "artifacts");

        var error = await Should.ThrowAsync<CrossCompilerRequiredException>(() => MultiPlatformImageStep.RunAsync(SelectedGoBuilder.ForHost(), new MultiPlatformImageRequest
        {
            Module = GoModule.Load(TestBed.Example("hello")),
            Options = new GoBuildOptions { Cgo = true },
            Platforms = TargetPlatforms.Parse("linux/amd64,linux/arm64"),
            Spec = new RuntimeImageSpec().OnScratch(),
            ImageName = "hello",
            OutputDirectory = output,
        }, NullLogger.Instance));

        error.Message.ShouldContain("linux/arm64 is not the build machine's architecture");
        Directory.Exists(output).ShouldBeFalse("the amd64 build must not run first and leave half a result");
    }

    [Fact]
    public async Task A_changed_file_in_the_checkout_marks_the_revision_dirty_and_a_clean_one_does_not()
    {
        var repository = Path.Combine(_folder, "repo");
        Directory.CreateDirectory(repository);
        await File.WriteAllTextAsync(Path.Combine(repository, "main.go"), "package main\n");
        var git = new Dictionary<string, string> { ["GIT_AUTHOR_NAME"] = "t", ["GIT_AUTHOR_EMAIL"] = "t@example.com", ["GIT_COMMITTER_NAME"] = "t", ["GIT_COMMITTER_EMAIL"] = "t@example.com" };
        foreach (var step in new[] { new[] { "init", "-q" }, ["add", "."], ["commit", "-q", "-m", "c"] })
            ProcessRunner.Run("git", step, repository, git).ExitCode.ShouldBe(0);
        var head = ProcessRunner.Run("git", ["rev-parse", "HEAD"], repository).StandardOutput.Trim();

        var clean = await SourceRevision.ReadAsync(repository, CancellationToken.None);
        await File.AppendAllTextAsync(Path.Combine(repository, "main.go"), "// changed\n");
        var dirty = await SourceRevision.ReadAsync(repository, CancellationToken.None);

        clean.ShouldBe(new SourceRevision(head, Modified: false));
        dirty.ShouldBe(new SourceRevision(head, Modified: true));
        ProvenanceLabels.For(BuildProvenance.From(null, null, dirty))[OciLabels.Revision].ShouldBe(head + "-dirty");
        (await SourceRevision.ReadAsync(Path.GetTempPath(), CancellationToken.None)).ShouldBeNull();
    }
}

/// <summary>The one-image path: an SBOM attached after the push, through the same referrers tag.</summary>
public sealed class SbomAttachStepTests(SupplyChainBuild build) : IClassFixture<SupplyChainBuild>
{
    [Fact]
    public async Task Attaching_the_same_sbom_again_gives_the_same_artifact_and_the_referrers_tag_lists_it_once()
    {
        var image = build.ImageFor("amd64");
        var first = build.Pushed.Sboms.Single(s => s.Subject == image.Manifest.Digest);

        var again = await SbomAttachStep.RunAsync(new SbomAttachRequest(image.Sbom!, new PublishRequest
        {
            Registry = build.Registry.Address, Repository = SupplyChainBuild.Repository, Tag = SupplyChainBuild.Tag,
            DockerConfigFile = Path.Combine(Path.GetTempPath(), "mc-no-docker-config.json"),
        }, image.Manifest.Digest) { Created = build.First.Created, BlobCache = new BlobStore(Path.Combine(image.Sbom!.Path + ".cache")) });

        again.ShouldBe(first);
        var referrers = ProcessRunner.Run("skopeo", ["inspect", "--tls-verify=false", "--raw", $"docker://{build.Registry.Address}/{SupplyChainBuild.Repository}:{first.ReferrersTag}"]);
        referrers.ExitCode.ShouldBe(0, referrers.StandardError);
        System.Text.Json.JsonDocument.Parse(referrers.StandardOutput).RootElement.GetProperty("manifests").GetArrayLength().ShouldBe(1);
    }
}
