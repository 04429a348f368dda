using MiniContainer.Compile;
using MiniContainer.Compose;
using MiniContainer.Elf;
using MiniContainer.Go;
using MiniContainer.Go.Builders;
using MiniContainer.Images;
using MiniContainer.IntegrationTests.Fixtures;
using MiniContainer.IntegrationTests.Oci;
using MiniContainer.Oci;
using MiniContainer.Oci.Outputs;
using MiniContainer.Publish;
using MiniContainer.Restore;
using MiniContainer.Verify;
using Xunit.Abstractions;

namespace MiniContainer.IntegrationTests.Go.Builders;

/// <summary>Restore and Compile with the host's Go and musl-gcc, and the whole engine-free pipeline to a registry.</summary>
public sealed class LocalGoBuilderTests(AnonymousRegistryFixture registry, ITestOutputHelper output) : IClassFixture<AnonymousRegistryFixture>, IDisposable
{
    private readonly TestLogger _logger = new(output);
    private readonly string _folder = TestBed.TempDirectory("local-go");
    private readonly LocalGoBuilder _local = new();

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static GoBuildOptions Offline => new() { Environment = new Dictionary<string, string> { ["GOPROXY"] = "off", ["GOFLAGS"] = "-buildvcs=false" } };

    [Fact]
    public async Task Auto_without_an_engine_builds_on_the_host_and_the_binary_is_static_musl()
    {
        using var builder = await SelectedGoBuilder.SelectAsync(GoBuilderKind.Auto, new Uri("unix:///nonexistent/docker.sock"), _logger, _local);
        var module = GoModule.Load(TestBed.Example("hello"));

        await GoRestoreStep.RunAsync(builder, new GoRestoreRequest(module, Offline, new GoBuilder { Image = "unused" }), _logger);
        var result = await GoCompileStep.RunAsync(builder, new GoCompileRequest(module, Offline, new GoBuilder { Image = "unused" }, Path.Combine(_folder, "bin")), _logger);

        builder.Kind.ShouldBe(GoBuilderKind.Local);
        _logger.Text.ShouldContain("no Docker Engine answers");
        _logger.Text.ShouldContain("CC=musl-gcc");
        var binary = result.Binaries.ShouldHaveSingleItem();
        var verification = new StaticBinaryVerifier().Verify(binary.Path, VerificationPolicy.ForGoBuild(HostMachine.GoArch, GoCommandLine.LdFlags(Offline)));
        verification.Report.Linking.Linkage.ToString().ShouldContain("Static");
        verification.Report.Libc.Flavour.ToString().ShouldBe("Musl");
        ProcessRunner.Run(binary.Path, ["--version"]).StandardOutput.ShouldContain("hello dev (go1.19");
    }

    [Fact]
    public async Task A_compile_error_on_the_host_ends_with_the_compilers_own_line()
    {
        var source = TestBed.CopyOf(TestBed.Example("hello"), "local-broken");
        await File.AppendAllTextAsync(Path.Combine(source, "main.go"), "\nfunc broken() { undefinedThing() }\n");

        var error = await Should.ThrowAsync<GoCommandFailedException>(() => GoCompileStep.RunAsync(SelectedGoBuilder.ForHost(_local),
            new GoCompileRequest(GoModule.Load(source), Offline, new GoBuilder { Image = "unused" }, Path.Combine(_folder, "broken")), _logger));

        error.Message.ShouldContain("undefined: undefinedThing");
        Directory.Delete(source, recursive: true);
    }

    [Fact]
    public async Task Two_clean_checkouts_of_one_commit_give_the_same_manifest_digest_stamped_with_the_commit_time()
    {
        Environment.GetEnvironmentVariable(ImageCreatedTime.SourceDateEpochVariable).ShouldBeNull("this test proves the commit-time default");
        var origin = TestBed.CopyOf(TestBed.Example("hello"), "local-origin");
        var git = new Dictionary<string, string>
        {
            ["GIT_AUTHOR_NAME"] = "t", ["GIT_AUTHOR_EMAIL"] = "t@example.com", ["GIT_COMMITTER_NAME"] = "t", ["GIT_COMMITTER_EMAIL"] = "t@example.com",
            ["GIT_AUTHOR_DATE"] = "2024-02-03T04:05:06Z", ["GIT_COMMITTER_DATE"] = "2024-02-03T04:05:06Z",
        };
        foreach (var step in new[] { new[] { "init", "-q" }, ["add", "."], ["commit", "-q", "-m", "hello"] })
            ProcessRunner.Run("git", step, origin, git).ExitCode.ShouldBe(0);

        var digests = new List<OciDigest>();
        foreach (var name in new[] { "checkout-a", "checkout-b" })
        {
            var checkout = Path.Combine(_folder, name);
            ProcessRunner.Run("git", ["clone", "-q", origin, checkout]).ExitCode.ShouldBe(0);
            var options = new GoBuildOptions { Environment = new Dictionary<string, string> { ["GOPROXY"] = "off" } }; // -buildvcs on: the commit is stamped in
            var compiled = await GoCompileStep.RunAsync(SelectedGoBuilder.ForHost(_local),
                new GoCompileRequest(GoModule.Load(checkout), options, new GoBuilder { Image = "unused" }, Path.Combine(checkout, "artifacts", "bin")), _logger);
            var image = await DaemonlessComposeStep.RunAsync(new DaemonlessComposeRequest(
                new RuntimeImageSpec().OnScratch().WithBinary(compiled.Binaries[0].Path), ["hello:repro"], OciOutputs.Under(Path.Combine(checkout, "artifacts"), "hello"))
            {
                SourceDirectory = checkout,
                BlobCache = new BlobStore(Path.Combine(checkout, "artifacts", "cache")),
            }, _logger);
            OciReaders.SkopeoInspect($"oci:{image.LayoutDirectory}:repro").Config.GetProperty("created").GetString().ShouldBe("2024-02-03T04:05:06Z");
            digests.Add(image.ManifestDigest);
        }

        digests[1].ShouldBe(digests[0]);
        Directory.Delete(origin, recursive: true);
    }

    [Fact]
    public async Task The_engine_free_pipeline_compiles_composes_and_pushes_and_skopeo_reads_the_pushed_digest()
    {
        var bin = Path.Combine(_folder, "pipeline", "bin");
        var compiled = await GoCompileStep.RunAsync(SelectedGoBuilder.ForHost(_local),
            new GoCompileRequest(GoModule.Load(TestBed.Example("hello")), Offline, new GoBuilder { Image = "unused" }, bin), _logger);
        var image = await DaemonlessComposeStep.RunAsync(new DaemonlessComposeRequest(
            new RuntimeImageSpec().OnScratch().WithBinary(compiled.Binaries[0].Path), ["hello:pipeline"], OciOutputs.Under(Path.Combine(_folder, "pipeline"), "hello"))
        {
            Created = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000),
            BlobCache = new BlobStore(Path.Combine(_folder, "pipeline", "cache")),
        }, _logger);
        var pushed = await DistributionPublishStep.RunAsync(new DistributionPublishRequest(image.LayoutDirectory!, new PublishRequest
        {
            Registry = registry.Address, Repository = "pipeline/hello", Tag = "1.0",
            DockerConfigFile = Path.Combine(_folder, "none.json"), DigestFile = Path.Combine(_folder, "pipeline", "image-digest.txt"),
        }), _logger);

        File.Exists(image.ArchivePath).ShouldBeTrue();
        pushed.Digest.ShouldBe(image.ManifestDigest.ToString());
        OciReaders.SkopeoInspect($"docker://{registry.Address}/pipeline/hello:1.0", "--tls-verify=false").Digest.ShouldBe(pushed.Digest);
    }
}
