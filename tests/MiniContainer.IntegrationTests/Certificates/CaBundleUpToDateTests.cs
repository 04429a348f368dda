using System.Diagnostics;
using MiniContainer.Certificates;
using MiniContainer.Docker;
using MiniContainer.IntegrationTests.Fixtures;
using MiniContainer.Pipeline;
using Xunit.Abstractions;

namespace MiniContainer.IntegrationTests.Certificates;

/// <summary>
/// CaCertificates through the pipeline, each run a new pipeline as each ./build.sh is: a run with nothing changed copies nothing out
/// of the builder image (no container, as the engine's own event log says) and leaves the staged bundle alone; a change of what the
/// bundle is made from, or of the staged file, stages it again with the right certificates.
/// </summary>
[Collection(EngineCollection.Name)]
public sealed class CaBundleUpToDateTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly TestLogger _logger = new(output);
    private readonly string _module = TestBed.CopyOf(TestBed.Example("hello"), "ca-up-to-date");
    private readonly LoopbackCertificates _builderCa = new();
    private DockerEngine _engine = null!;
    // The test builder with one more CA: its own tag and image ID, so the containers made from it are this test's alone.
    private CaTrustingBuilderImage _builder = null!;
    private string _builderId = null!;

    private string CaFile => Path.Combine(_module, "company-ca.pem");

    private ArtifactLayout Layout => new(Path.Combine(_module, "artifacts"));

    public async Task InitializeAsync()
    {
        _engine = await DockerEngine.ConnectAsync(logger: _logger);
        _builder = CaTrustingBuilderImage.Create(_builderCa.CaPem);
        _builderId = (await _engine.Api.InspectImageAsync(_builder.Reference, CancellationToken.None))!.Id;
        using var company = new LoopbackCertificates();
        await File.WriteAllTextAsync(CaFile, company.CaPem);
    }

    public async Task DisposeAsync()
    {
        (await LeftoverContainers.OfStepsAsync(_engine, CaCertificatesStep.StepName)).ShouldBeEmpty();
        _builder.Dispose();
        _builderCa.Dispose();
        _engine.Dispose();
        Directory.Delete(_module, recursive: true);
    }

    private Dictionary<string, string> Arguments(string? builder = null, string tzdata = "false") => new()
    {
        ["engine"] = "docker", ["builder-image"] = builder ?? _builder.Reference, ["ca-file"] = CaFile, ["tzdata"] = tzdata,
    };

    /// <summary>One CaCertificates run in a new pipeline: what it logged, and the containers the engine created from <paramref name="images"/> meanwhile.</summary>
    private async Task<(string Log, IReadOnlyList<string> Created)> RunAsync(Dictionary<string, string> arguments, params string[] images)
    {
        var logger = new TestLogger(output);
        var pipeline = await MiniContainerPipeline.StartAsync(new PipelineScript(), new DictionaryArgumentSource(arguments), Environment.GetEnvironmentVariable,
            _module, logger, new RunSummary(), CancellationToken.None);
        var since = DateTimeOffset.UtcNow.AddSeconds(-1);
        var timer = Stopwatch.StartNew();
        await pipeline.CaCertificatesAsync(CancellationToken.None);
        output.WriteLine($"CaCertificates took {timer.Elapsed.TotalMilliseconds:F0} ms");
        var created = await ContainerCreations.FromAsync(_engine, since, DateTimeOffset.UtcNow.AddSeconds(1), [_builder.Reference, _builderId, .. images]);
        return (logger.Text, created);
    }

    private IReadOnlyList<string> StagedBlocks() => PemCertificateBundle.Parse(File.ReadAllText(Layout.CaBundleFile), Layout.CaBundleFile).Blocks;

    private static string Block(string pem) => PemCertificateBundle.Parse(pem, "pem").Blocks.Single();

    [EngineFact]
    public async Task A_second_run_with_nothing_changed_creates_no_container_and_leaves_the_staged_bundle_alone()
    {
        // --tzdata as by default: the whole step, zoneinfo too, makes nothing when nothing changed.
        var (_, firstCreated) = await RunAsync(Arguments(tzdata: "true"));
        var bytes = await File.ReadAllBytesAsync(Layout.CaBundleFile);
        var modified = File.GetLastWriteTimeUtc(Layout.CaBundleFile);

        var (log, created) = await RunAsync(Arguments(tzdata: "true"));

        firstCreated.Count.ShouldBe(2, "the first run copies the bundle and the zoneinfo out of the builder: the event log sees both");
        created.ShouldBeEmpty();
        (await File.ReadAllBytesAsync(Layout.CaBundleFile)).ShouldBe(bytes);
        File.GetLastWriteTimeUtc(Layout.CaBundleFile).ShouldBe(modified);
        log.ShouldContain($"Certificates: up to date, {StagedBlocks().Count} CA(s)");
        log.ShouldContain($"from the builder image {_builder.Reference}");
        log.ShouldContain("with 1 --ca-file(s)");
    }

    [EngineFact]
    public async Task An_edited_ca_file_is_staged_again_with_its_new_certificate()
    {
        await RunAsync(Arguments());
        var before = Block(await File.ReadAllTextAsync(CaFile));
        using var renewed = new LoopbackCertificates();
        await File.WriteAllTextAsync(CaFile, renewed.CaPem);

        var (log, _) = await RunAsync(Arguments());

        log.ShouldNotContain("up to date, ");
        StagedBlocks().ShouldContain(Block(renewed.CaPem));
        StagedBlocks().ShouldNotContain(before);
        StagedBlocks().ShouldContain(Block(_builderCa.CaPem));
    }

    [EngineFact]
    public async Task A_tampered_or_deleted_staged_bundle_is_staged_again_as_it_was()
    {
        await RunAsync(Arguments());
        var staged = await File.ReadAllBytesAsync(Layout.CaBundleFile);
        var modified = File.GetLastWriteTimeUtc(Layout.CaBundleFile);
        await File.WriteAllTextAsync(Layout.CaBundleFile, Block(_builderCa.CaPem));
        File.SetLastWriteTimeUtc(Layout.CaBundleFile, modified); // the content alone must tell

        var (tamperedLog, tamperedCreated) = await RunAsync(Arguments());
        var restaged = await File.ReadAllBytesAsync(Layout.CaBundleFile);
        File.Delete(Layout.CaBundleFile);
        var (deletedLog, _) = await RunAsync(Arguments());

        tamperedLog.ShouldNotContain("up to date, ");
        tamperedCreated.Count.ShouldBe(1);
        restaged.ShouldBe(staged);
        deletedLog.ShouldNotContain("up to date, ");
        (await File.ReadAllBytesAsync(Layout.CaBundleFile)).ShouldBe(staged);
    }

    [EngineFact]
    public async Task The_builder_tag_moved_to_another_image_stages_that_images_bundle()
    {
        // One tag, two images: the bundle is fixed by the image ID, not by the name.
        var tag = $"minicontainer-testbed/go-builder:moved-{Guid.NewGuid():N}"[..52];
        using var otherCa = new LoopbackCertificates();
        using var other = CaTrustingBuilderImage.Create(otherCa.CaPem);
        var otherId = (await _engine.Api.InspectImageAsync(other.Reference, CancellationToken.None))!.Id;
        try
        {
            ProcessRunner.Run("docker", ["tag", _builder.Reference, tag]).ExitCode.ShouldBe(0);
            await RunAsync(Arguments(tag), tag);
            StagedBlocks().ShouldContain(Block(_builderCa.CaPem));

            ProcessRunner.Run("docker", ["tag", other.Reference, tag]).ExitCode.ShouldBe(0);
            var (log, created) = await RunAsync(Arguments(tag), tag, otherId);

            log.ShouldNotContain("up to date, ");
            created.Count.ShouldBe(1);
            StagedBlocks().ShouldContain(Block(otherCa.CaPem));
            StagedBlocks().ShouldNotContain(Block(_builderCa.CaPem));
            File.ReadAllText(Layout.CaBundleSourceFile).ShouldContain(otherId);
        }
        finally
        {
            ProcessRunner.Run("docker", ["rmi", tag]);
        }
    }

    [EngineFact]
    public async Task Another_ca_bundle_or_none_replaces_the_staged_bundle_and_none_deletes_it_and_its_record()
    {
        await RunAsync(Arguments());
        var host = HostCaBundle.Find();

        var (hostLog, _) = await RunAsync(new Dictionary<string, string>(Arguments()) { ["ca-bundle"] = "host" });
        var fromHost = StagedBlocks();
        await RunAsync(new Dictionary<string, string> { ["engine"] = "docker", ["ca-bundle"] = "none", ["tzdata"] = "false" });

        hostLog.ShouldNotContain("up to date, ");
        fromHost.ShouldNotContain(Block(_builderCa.CaPem));
        fromHost.Count.ShouldBe(PemCertificateBundle.Parse(File.ReadAllText(host), host).Count + 1);
        File.Exists(Layout.CaBundleFile).ShouldBeFalse();
        File.Exists(Layout.CaBundleSourceFile).ShouldBeFalse();
    }
}
