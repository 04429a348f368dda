using System.Net;
using MiniContainer.Registry;
using MiniContainer.Tests.Oci;

namespace MiniContainer.Tests.Registry;

/// <summary>
/// A hostile registry's answers are read no further than a manifest can be (4 MiB), with memory bounded (measured as the
/// process's allocations, so they run alone).
/// </summary>
[Collection(AllocationMeasuringTests.Name)]
public sealed class OversizedAnswerTests
{
    private static readonly byte[] Chunk = new byte[64 << 10];

    /// <summary>Sends up to <paramref name="megabytes"/> MiB of manifest, with or without saying so first.</summary>
    private static LoopbackHttpServer Registry(int megabytes, bool declareLength, HttpStatusCode status = HttpStatusCode.OK) => new("127.0.0.1", async context =>
    {
        context.Response.StatusCode = (int)status;
        context.Response.ContentType = "application/vnd.oci.image.manifest.v1+json";
        if (declareLength) context.Response.ContentLength64 = (long)megabytes << 20;
        else context.Response.SendChunked = true;
        try
        {
            for (var sent = 0L; sent < (long)megabytes << 20; sent += Chunk.Length)
                await context.Response.OutputStream.WriteAsync(Chunk);
            context.Response.Close();
        }
        catch (Exception e) when (e is HttpListenerException or IOException or ObjectDisposedException)
        {
            // The client stopped reading: what the test wants.
        }
    });

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_manifest_larger_than_4_MiB_is_refused_after_reading_at_most_that_much(bool declareLength)
    {
        using var registry = Registry(megabytes: 512, declareLength);
        using var client = new DistributionApiClient(RegistryAddress.For(registry.Address), credentials: null);
        RegistryRequestException? refused = null;

        var allocated = await Allocated.DuringAsync(async () => refused = await Should.ThrowAsync<RegistryRequestException>(() => client.GetManifestAsync("team/app", "latest", CancellationToken.None)));

        refused!.Message.ShouldContain("larger than 4 MiB");
        allocated.ShouldBeLessThan(64L << 20, "the answer was not read whole");
    }

    [Fact]
    public async Task An_endless_error_answer_is_read_only_as_far_as_its_message_needs()
    {
        using var registry = Registry(megabytes: 512, declareLength: false, HttpStatusCode.NotFound);
        using var client = new DistributionApiClient(RegistryAddress.For(registry.Address), credentials: null);
        var allocated = await Allocated.DuringAsync(() => Should.ThrowAsync<RegistryRequestException>(() => client.GetManifestAsync("team/app", "latest", CancellationToken.None)));

        allocated.ShouldBeLessThan(64L << 20);
    }
}
