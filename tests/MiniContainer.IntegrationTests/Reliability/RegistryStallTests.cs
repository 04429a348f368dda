using System.Diagnostics;
using MiniContainer.Compose;
using MiniContainer.Images;
using MiniContainer.IntegrationTests.Fixtures;
using MiniContainer.IntegrationTests.Oci;
using MiniContainer.Oci;
using MiniContainer.Oci.Outputs;
using MiniContainer.Publish;
using MiniContainer.Registry;
using Xunit.Abstractions;

namespace MiniContainer.IntegrationTests.Reliability;

/// <summary>Debian's docker-registry behind <see cref="RegistryFaultProxy"/>: a stall after the headers, and a connection closed mid-upload.</summary>
public sealed class RegistryStallTests(AnonymousRegistryFixture registry, ITestOutputHelper output) : IClassFixture<AnonymousRegistryFixture>, IAsyncLifetime
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(2);
    private readonly TestLogger _logger = new(output);
    private readonly string _folder = TestBed.TempDirectory("registry-stall");
    private DaemonlessImage _image = null!;

    public async Task InitializeAsync() =>
        _image = await DaemonlessComposeStep.RunAsync(new DaemonlessComposeRequest(new RuntimeImageSpec().OnScratch().WithBinary(ImageBinaries.Hello), ["hello:stall"],
            new OciOutputs(Path.Combine(_folder, "layout")))
        {
            Created = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000),
            BlobCache = new BlobStore(Path.Combine(_folder, "cache")),
        }, _logger);

    public Task DisposeAsync()
    {
        Directory.Delete(_folder, recursive: true);
        return Task.CompletedTask;
    }

    private DistributionPublishRequest Push(string address, string repository) => new(_image.LayoutDirectory!, new PublishRequest
    {
        Registry = address, Repository = repository, Tag = "1", Transport = new RegistryTransport { InactivityTimeout = Limit },
        DockerConfigFile = Path.Combine(_folder, "no-config.json"), DigestFile = Path.Combine(_folder, $"{repository.Replace('/', '-')}.digest"),
    });

    [Fact]
    public async Task A_registry_that_stalls_after_the_headers_ends_the_pull_within_the_limit_naming_the_endpoint()
    {
        await DistributionPublishStep.RunAsync(Push(registry.Address, "base/stall"), _logger);
        using var proxy = new RegistryFaultProxy(registry.Address, line => line.StartsWith("GET ", StringComparison.Ordinal) && line.Contains("/blobs/sha256:") ? ProxyFault.StallAfterResponseHeaders : ProxyFault.None);
        var clock = Stopwatch.StartNew();

        var pull = DaemonlessComposeStep.RunAsync(new DaemonlessComposeRequest(new RuntimeImageSpec().WithBinary(ImageBinaries.Hello).WithBaseImage($"{proxy.Address}/base/stall:1"), ["app:1"],
            new OciOutputs(Path.Combine(_folder, "on-stalled")))
        {
            Created = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000),
            BlobCache = new BlobStore(Path.Combine(_folder, "empty-cache")),
            Transport = new RegistryTransport { InactivityTimeout = Limit },
        }, _logger);
        var ended = await Task.WhenAny(pull, Task.Delay(TimeSpan.FromSeconds(60)));

        ended.ShouldBe(pull, "the pull must end by itself, not hang");
        var error = await Should.ThrowAsync<RegistryRequestException>(() => pull);
        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(20));
        error.Failure.ShouldBe(RegistryFailure.Stalled);
        error.Message.ShouldContain($"sent nothing for 2 s during GET http://{proxy.Address}/v2/base/stall/blobs/sha256:");
        error.Message.ShouldContain("--inactivity-timeout");
        proxy.Seen.ShouldContain(s => s.Fault == ProxyFault.StallAfterResponseHeaders);
    }

    [Fact]
    public async Task A_whole_blob_upload_whose_connection_closes_midway_is_sent_again_in_chunks_and_the_push_succeeds()
    {
        var closed = 0;
        using var proxy = new RegistryFaultProxy(registry.Address,
            line => line.StartsWith("PUT ", StringComparison.Ordinal) && line.Contains("digest=") && Interlocked.Exchange(ref closed, 1) == 0 ? ProxyFault.CloseMidUpload : ProxyFault.None);

        var pushed = await DistributionPublishStep.RunAsync(Push(proxy.Address, "team/flaky"), _logger);

        proxy.Seen.ShouldContain(s => s.Fault == ProxyFault.CloseMidUpload);
        proxy.Seen.ShouldContain(s => s.Request.StartsWith("PATCH ", StringComparison.Ordinal), "the blob went up in chunks after the cut");
        pushed.Digest.ShouldBe(_image.ManifestDigest.ToString());
        OciReaders.SkopeoInspect($"docker://{registry.Address}/team/flaky:1", "--tls-verify=false").Digest.ShouldBe(_image.ManifestDigest.ToString());
    }

    [Fact]
    public async Task A_slow_upload_that_keeps_moving_longer_than_the_limit_is_not_cut()
    {
        // 8 MB of noise (gzip keeps its size) at ~2 MB/s: about 4 s of upload against a 2 s inactivity limit.
        var noise = Path.Combine(_folder, "noise");
        var bytes = new byte[8 << 20];
        new Random(7).NextBytes(bytes);
        await File.WriteAllBytesAsync(noise, bytes);
        var big = await DaemonlessComposeStep.RunAsync(new DaemonlessComposeRequest(new RuntimeImageSpec().OnScratch().WithBinary(noise), ["big:1"], new OciOutputs(Path.Combine(_folder, "big")))
        {
            Created = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000),
            BlobCache = new BlobStore(Path.Combine(_folder, "cache")),
        }, _logger);
        using var proxy = new RegistryFaultProxy(registry.Address, line => line.StartsWith("PUT ", StringComparison.Ordinal) && line.Contains("digest=") ? ProxyFault.Throttle : ProxyFault.None);
        var clock = Stopwatch.StartNew();

        var pushed = await DistributionPublishStep.RunAsync(Push(proxy.Address, "team/steady") with { LayoutDirectory = big.LayoutDirectory! }, _logger);

        clock.Elapsed.ShouldBeGreaterThan(Limit * 1.5, "the upload took longer than the limit");
        pushed.Digest.ShouldBe(big.ManifestDigest.ToString());
        proxy.Seen.ShouldNotContain(s => s.Request.StartsWith("PATCH ", StringComparison.Ordinal), "it went up whole, not cut and retried");
    }
}
