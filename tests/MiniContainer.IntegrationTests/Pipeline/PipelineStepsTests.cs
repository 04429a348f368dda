using System.Text.Json;
using MiniContainer.SmokeTest;
using MiniContainer.IntegrationTests.Fixtures;
using MiniContainer.Pipeline;
using Xunit.Abstractions;

namespace MiniContainer.IntegrationTests.Pipeline;

/// <summary>
/// The host-neutral pipeline through a plain argument source, as both hosts drive it: every step a new pipeline
/// (a new process, as far as the pipeline can tell), reading only what the one before left in the artifacts folder.
/// </summary>
[Collection(EngineCollection.Name)]
public sealed class PipelineStepsTests(RegistryFixture registry, ITestOutputHelper output) : IClassFixture<RegistryFixture>
{
    private sealed class HelloScript : PipelineScript
    {
        public override SmokeTestSpec? SmokeTestFor(string binary) => SmokeTestSpec.OneShot("hello ", "-version");
    }

    private static readonly Dictionary<string, string> Credentials = new()
    {
        ["registry-username"] = RegistryFixture.Username,
        ["registry-password"] = RegistryFixture.Password,
    };

    private async Task<MiniContainerPipeline> StartAsync(string module, Dictionary<string, string> arguments, TestLogger logger) =>
        await MiniContainerPipeline.StartAsync(new HelloScript(), new DictionaryArgumentSource(arguments), Environment.GetEnvironmentVariable, module, logger, new RunSummary(), CancellationToken.None);

    [EngineFact]
    public async Task Each_step_runs_alone_in_a_new_pipeline_on_what_the_last_left_and_the_pushed_digest_is_the_registrys()
    {
        var module = TestBed.CopyOf(TestBed.Example("hello"), "pipeline-engine");
        var arguments = new Dictionary<string, string>(Credentials)
        {
            ["engine"] = "docker", ["builder-image"] = TestBed.BuilderImage, ["base-image"] = TestBed.AlpineImage,
            ["image-tag"] = "pipeline", ["registry"] = registry.Address,
        };
        var logger = new TestLogger(output);
        Func<MiniContainerPipeline, Task>[] steps =
        [
            p => p.GoRestoreAsync(CancellationToken.None), p => p.GoCompileAsync(CancellationToken.None), p => p.VerifyBinaryAsync(CancellationToken.None),
            p => p.CaCertificatesAsync(CancellationToken.None), p => p.ComposeImageAsync(CancellationToken.None), p => p.SmokeTestAsync(CancellationToken.None),
            p => p.PublishImageAsync(CancellationToken.None),
        ];
        try
        {
            foreach (var step in steps) await step(await StartAsync(module, arguments, logger));

            var layout = new ArtifactLayout(Path.Combine(module, "artifacts"));
            File.Exists(Path.Combine(layout.BinDirectory, "hello.verify.json")).ShouldBeTrue();
            File.Exists(layout.CaBundleFile).ShouldBeTrue();
            // With a --registry, ComposeImage writes the layout beside the engine's image, and PublishImage pushes that (the same image).
            ImageList.Read(layout).ShouldBe([new ImageListEntry("hello", "hello:pipeline", layout.OciOutputsFor("hello").LayoutDirectory) { AlsoInEngine = true }]);
            logger.Text.ShouldContain("Publish (daemonless): pushing");
            logger.Text.ShouldContain("passed (exit code 0, output contains \"hello \")");
            var digest = File.ReadAllText(layout.DigestFile("hello")).Trim();
            registry.DigestBySkopeo("hello", "pipeline").ShouldBe(digest);
            // The SBOM written in ComposeImage went up beside the image in PublishImage.
            var referrers = ProcessRunner.Run("skopeo", ["inspect", "--raw", "--tls-verify=false", "--creds", $"{RegistryFixture.Username}:{RegistryFixture.Password}",
                $"docker://{registry.Address}/hello:sha256-{digest["sha256:".Length..]}"]);
            referrers.ExitCode.ShouldBe(0, referrers.StandardError);
            referrers.StandardOutput.ShouldContain("application/spdx+json");
            logger.Text.ShouldNotContain(RegistryFixture.Password);
        }
        finally
        {
            ProcessRunner.Run("docker", ["rmi", "hello:pipeline"]);
            Directory.Delete(module, recursive: true);
        }
    }

    [EngineFact]
    public async Task The_builders_zoneinfo_is_copied_once_and_again_only_when_its_record_is_gone()
    {
        var module = TestBed.CopyOf(TestBed.Example("hello"), "pipeline-zoneinfo");
        var arguments = new Dictionary<string, string> { ["engine"] = "docker", ["builder-image"] = TestBed.BuilderImage, ["ca-bundle"] = "none" };
        try
        {
            var first = new TestLogger(output);
            var pipeline = await StartAsync(module, arguments, first);
            await pipeline.CaCertificatesAsync(CancellationToken.None);
            first.Text.ShouldContain("zoneinfo database of " + TestBed.BuilderImage + " staged");
            File.Exists(Path.Combine(pipeline.Layout.ZoneInfoDirectory, "Europe", "Paris")).ShouldBeTrue();

            var second = new TestLogger(output);
            await (await StartAsync(module, arguments, second)).CaCertificatesAsync(CancellationToken.None);
            second.Text.ShouldContain("zoneinfo up to date");
            second.Text.ShouldNotContain("zoneinfo database of");

            File.Delete(pipeline.Layout.ZoneInfoSourceFile);
            var third = new TestLogger(output);
            await (await StartAsync(module, arguments, third)).CaCertificatesAsync(CancellationToken.None);
            third.Text.ShouldContain("zoneinfo database of " + TestBed.BuilderImage + " staged");
        }
        finally
        {
            Directory.Delete(module, recursive: true);
        }
    }

    [Fact]
    public async Task A_multi_platform_index_composed_in_one_run_is_pushed_by_a_later_run_from_its_layout_with_an_sbom_per_platform()
    {
        var module = TestBed.CopyOf(TestBed.Example("hello"), "pipeline-index");
        var arguments = new Dictionary<string, string>(Credentials)
        {
            ["engine"] = "none", ["base-image"] = "scratch", ["ca-bundle"] = "none", ["cgo"] = "false", ["platforms"] = "linux/amd64,linux/arm64",
            ["image-tag"] = "later", ["registry"] = registry.Address,
        };
        var logger = new TestLogger(output);
        try
        {
            await (await StartAsync(module, arguments, logger)).ComposeImageAsync(CancellationToken.None);
            var publishing = await StartAsync(module, arguments, logger);
            await publishing.PublishImageAsync(CancellationToken.None);

            var digest = File.ReadAllText(publishing.Layout.DigestFile("hello")).Trim();
            registry.DigestBySkopeo("hello", "later").ShouldBe(digest);
            var raw = ProcessRunner.Run("skopeo", ["inspect", "--raw", "--tls-verify=false", "--creds", $"{RegistryFixture.Username}:{RegistryFixture.Password}", $"docker://{registry.Address}/hello:later"]);
            raw.ExitCode.ShouldBe(0, raw.StandardError);
            using var index = JsonDocument.Parse(raw.StandardOutput);
            var manifests = index.RootElement.GetProperty("manifests").EnumerateArray().ToList();
            manifests.Select(m => m.GetProperty("platform").GetProperty("architecture").GetString()).ShouldBe(["amd64", "arm64"]);
            foreach (var manifest in manifests)
            {
                var referrers = ProcessRunner.Run("skopeo", ["inspect", "--raw", "--tls-verify=false", "--creds", $"{RegistryFixture.Username}:{RegistryFixture.Password}",
                    $"docker://{registry.Address}/hello:sha256-{manifest.GetProperty("digest").GetString()!["sha256:".Length..]}"]);
                referrers.ExitCode.ShouldBe(0, referrers.StandardError);
                referrers.StandardOutput.ShouldContain("application/spdx+json");
            }
            publishing.Summary.Render().ShouldContain(line => line.Contains("hello:later") && line.Contains(digest));
        }
        finally
        {
            Directory.Delete(module, recursive: true);
        }
    }

    [Fact]
    public async Task Publishing_before_anything_was_composed_says_which_step_to_run_first()
    {
        var module = TestBed.CopyOf(TestBed.Example("hello"), "pipeline-nothing");
        try
        {
            var pipeline = await StartAsync(module, new() { ["engine"] = "none", ["registry"] = registry.Address }, new TestLogger(output));

            var error = await Should.ThrowAsync<MiniContainerException>(() => pipeline.PublishImageAsync(CancellationToken.None));

            error.Message.ShouldBe($"No images to work on: {pipeline.Layout.ImageListFile} does not exist. Run ComposeImage first (e.g. ./build.sh ComposeImage).");
        }
        finally
        {
            Directory.Delete(module, recursive: true);
        }
    }
}
