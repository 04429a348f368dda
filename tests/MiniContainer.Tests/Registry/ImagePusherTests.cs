using Microsoft.Extensions.Logging.Abstractions;
using MiniContainer.Oci;
using MiniContainer.Oci.Json;
using MiniContainer.Registry;

namespace MiniContainer.Tests.Registry;

public sealed class ImagePusherTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("mc-pusher-").FullName;
    private readonly OciDescriptor _base;
    private readonly OciDescriptor _app;
    private readonly OciDescriptor _config;
    private readonly ImageManifest _manifest;

    public ImagePusherTests()
    {
        _base = Blob("base layer", 100);
        _app = Blob("app layer", 2500);
        _config = Blob("config", 50);
        _manifest = new ImageManifest(OciMediaTypes.ImageManifest, _config, [_base, _app]);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private OciDescriptor Blob(string name, int size)
    {
        var content = new byte[size];
        System.Text.Encoding.UTF8.GetBytes(name).CopyTo(content, 0);
        var digest = OciDigest.Of(content);
        File.WriteAllBytes(Path.Combine(_folder, digest.Hex), content);
        return new OciDescriptor(OciMediaTypes.GzipLayer, digest, size);
    }

    private Task<(OciDigest Digest, PushCounts Counts)> Push(FakeRegistryApi api, string? mountFrom = null, BlobUploadMode mode = BlobUploadMode.WholeThenChunked) =>
        new ImagePusher(api, NullLogger.Instance) { Mode = mode, ChunkSize = 1000 }
            .PushAsync("team/app", _manifest, ImageManifestJson.Write(_manifest), d => Path.Combine(_folder, d.Hex), ["1.0", "latest"], mountFrom, CancellationToken.None);

    private static string S(OciDescriptor d) => FakeRegistryApi.Short(d.Digest);

    [Fact]
    public async Task Each_blob_is_checked_then_uploaded_whole_then_the_manifest_goes_up_once_per_tag()
    {
        var api = new FakeRegistryApi();

        var (_, counts) = await Push(api);

        api.Calls.ShouldBe([
            $"HEAD team/app {S(_base)}", "POST team/app", $"PUT team/app {S(_base)} whole",
            $"HEAD team/app {S(_app)}", "POST team/app", $"PUT team/app {S(_app)} whole",
            $"HEAD team/app {S(_config)}", "POST team/app", $"PUT team/app {S(_config)} whole",
            "PUT manifest team/app:1.0", "PUT manifest team/app:latest"]);
        counts.ShouldBe(new PushCounts(3, 0, 0));
    }

    [Fact]
    public async Task Blobs_already_there_are_not_sent_again()
    {
        var api = new FakeRegistryApi();
        await Push(api);
        api.Calls.Clear();

        var (_, counts) = await Push(api);

        counts.ShouldBe(new PushCounts(0, 0, 3));
        api.Calls.ShouldNotContain(c => c.StartsWith("POST") || c.Contains("whole"));
    }

    [Fact]
    public async Task Base_layers_are_mounted_from_the_base_repository_and_a_failed_mount_uploads_into_the_session_it_opened()
    {
        var api = new FakeRegistryApi();
        api.Blobs.Add(("base/alpine", _base.Digest));

        var (_, counts) = await Push(api, mountFrom: "base/alpine");

        counts.ShouldBe(new PushCounts(Uploaded: 2, Mounted: 1, AlreadyThere: 0));
        api.Calls.ShouldContain($"MOUNT team/app {S(_base)} from base/alpine");
        api.Calls.ShouldContain($"MOUNT team/app {S(_app)} from base/alpine");
        api.Calls.ShouldNotContain("POST team/app", "a 202 to a mount is an upload session already");
    }

    [Fact]
    public async Task A_registry_that_refuses_whole_uploads_gets_chunks_with_ranges_covering_the_blob()
    {
        var api = new FakeRegistryApi { RefuseWholeUploads = true };

        var (_, counts) = await Push(api);

        counts.Uploaded.ShouldBe(3);
        api.Calls.ShouldContain("PATCH team/app 0+1000");
        api.Calls.ShouldContain("PATCH team/app 1000+1000");
        api.Calls.ShouldContain("PATCH team/app 2000+500");
        api.Calls.ShouldContain($"PUT team/app {S(_app)} finish");
    }
}
