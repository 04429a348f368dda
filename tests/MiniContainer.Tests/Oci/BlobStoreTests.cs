using System.Text;
using MiniContainer.Oci;

namespace MiniContainer.Tests.Oci;

[Collection(AllocationMeasuringTests.Name)]
public sealed class BlobStoreTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("mc-blob-store-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void A_layer_added_again_is_found_by_its_diffID_as_the_same_blob_LayerWriter_writes()
    {
        var store = new BlobStore(_root);
        var content = new MiniContainer.Oci.Layers.LayerContent().WithFile("app/hello", Encoding.UTF8.GetBytes("a binary"), MiniContainer.Oci.Layers.LayerContent.ExecutableMode);
        using var written = new MemoryStream();
        var expected = MiniContainer.Oci.Layers.LayerWriter.Write(content, DateTimeOffset.UnixEpoch, written);

        var first = store.AddLayer(content, DateTimeOffset.UnixEpoch);
        var again = store.AddLayer(content, DateTimeOffset.UnixEpoch);

        first.ShouldBe(expected);
        again.ShouldBe(expected);
        store.CompressedLayerOf(expected.DiffId).ShouldBe(expected);
        File.ReadAllBytes(store.PathOf(expected.Digest)).ShouldBe(written.ToArray());
    }

    [Fact]
    public void A_recorded_layer_whose_blob_is_gone_or_not_its_size_is_not_found_and_is_written_again()
    {
        var store = new BlobStore(_root);
        var content = new MiniContainer.Oci.Layers.LayerContent().WithFile("app/hello", Encoding.UTF8.GetBytes("another binary"), MiniContainer.Oci.Layers.LayerContent.ExecutableMode);
        var blob = store.AddLayer(content, DateTimeOffset.UnixEpoch);
        var bytes = File.ReadAllBytes(store.PathOf(blob.Digest));

        File.WriteAllBytes(store.PathOf(blob.Digest), bytes[..^1]);
        store.CompressedLayerOf(blob.DiffId).ShouldBeNull("a blob of another size is not the one recorded");
        File.Delete(store.PathOf(blob.Digest));
        store.CompressedLayerOf(blob.DiffId).ShouldBeNull("the recorded blob is gone");

        store.AddLayer(content, DateTimeOffset.UnixEpoch).ShouldBe(blob);
        File.ReadAllBytes(store.PathOf(blob.Digest)).ShouldBe(bytes);
    }

    [Fact]
    public void A_spec_layer_whose_diffID_is_recorded_and_whose_blob_is_held_is_taken_without_reading_its_files()
    {
        var store = new BlobStore(_root);
        var key = new MiniContainer.Oci.Layers.LayerRecordKey(Path.Combine(_root, "app.layer.json"), "files app/hello 14 1");
        var content = new MiniContainer.Oci.Layers.LayerContent().WithFile("app/hello", Encoding.UTF8.GetBytes("a third binary"), MiniContainer.Oci.Layers.LayerContent.ExecutableMode);
        var reads = 0;
        var layer = new MiniContainer.Oci.Layers.PlannedLayer("COPY app/ /app/", () =>
        {
            reads++;
            return content;
        }, key);

        var first = store.AddLayer(layer, DateTimeOffset.UnixEpoch);
        var again = store.AddLayer(layer, DateTimeOffset.UnixEpoch);

        reads.ShouldBe(1, "the second build takes the recorded layer");
        again.ShouldBe(first);
        first.ShouldBe(new BlobStore(Path.Combine(_root, "other")).AddLayer(content, DateTimeOffset.UnixEpoch), "the same blob as from the files");
        using var tar = new MemoryStream();
        MiniContainer.Oci.Layers.LayerWriter.WriteTar(content, DateTimeOffset.UnixEpoch, tar);
        MiniContainer.Oci.Layers.LayerDigestRecord.TryRead(key, DateTimeOffset.UnixEpoch).ShouldBe((first.DiffId, tar.Length), "the record the engine path reads too");
    }

    [Fact]
    public void A_recorded_spec_layer_whose_blob_is_gone_or_whose_time_changed_is_read_from_its_files_again()
    {
        var store = new BlobStore(_root);
        var key = new MiniContainer.Oci.Layers.LayerRecordKey(Path.Combine(_root, "app.layer.json"), "files app/hello 16 1");
        var reads = 0;
        var layer = new MiniContainer.Oci.Layers.PlannedLayer("COPY app/ /app/", () =>
        {
            reads++;
            return new MiniContainer.Oci.Layers.LayerContent().WithFile("app/hello", Encoding.UTF8.GetBytes("a fourth binary!"), MiniContainer.Oci.Layers.LayerContent.ExecutableMode);
        }, key);
        var blob = store.AddLayer(layer, DateTimeOffset.UnixEpoch);

        File.Delete(store.PathOf(blob.Digest));
        store.AddLayer(layer, DateTimeOffset.UnixEpoch).ShouldBe(blob);
        reads.ShouldBe(2, "a blob that is gone is written again from the files");
        File.Exists(store.PathOf(blob.Digest)).ShouldBeTrue();

        var later = store.AddLayer(layer, DateTimeOffset.UnixEpoch.AddSeconds(1));
        reads.ShouldBe(3, "another layer time is another record key");
        later.DiffId.ShouldNotBe(blob.DiffId, "the tar holds the time");
    }

    [Fact]
    public async Task A_blob_longer_than_its_descriptor_is_refused_at_its_declared_size_and_leaves_nothing()
    {
        var store = new BlobStore(_root);
        var descriptor = new OciDescriptor(OciMediaTypes.GzipLayer, OciDigest.Of(new byte[1 << 20]), 1 << 20);
        var source = new EndlessStream();

        BlobSizeException? error = null;
        var allocated = await Allocated.DuringAsync(async () =>
            error = await Should.ThrowAsync<BlobSizeException>(() => store.AddVerifiedAsync(descriptor, source, "registry.test/base", CancellationToken.None)));

        error!.Message.ShouldContain($"The blob from registry.test/base ({descriptor.Digest}) is longer than the 1,048,576 bytes its descriptor declares");
        source.Served.ShouldBeLessThanOrEqualTo((1 << 20) + (1 << 16), "reading stops one buffer past the declared size");
        allocated.ShouldBeLessThan(32L << 20);
        store.Contains(descriptor.Digest).ShouldBeFalse();
        Directory.EnumerateFiles(_root, "*", SearchOption.AllDirectories).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_blob_shorter_than_its_descriptor_is_refused()
    {
        var store = new BlobStore(_root);
        var content = Encoding.UTF8.GetBytes("short");
        var descriptor = new OciDescriptor(OciMediaTypes.GzipLayer, OciDigest.Of(content), 6);

        var error = await Should.ThrowAsync<BlobSizeException>(() => store.AddVerifiedAsync(descriptor, new MemoryStream(content), "layout", CancellationToken.None));

        error.Message.ShouldContain("has 5 bytes, not the 6 its descriptor declares");
        store.Contains(descriptor.Digest).ShouldBeFalse();
    }

    [Fact]
    public async Task A_blob_of_its_declared_size_and_digest_is_stored()
    {
        var store = new BlobStore(_root);
        var content = Encoding.UTF8.GetBytes("exactly this");
        var descriptor = new OciDescriptor(OciMediaTypes.GzipLayer, OciDigest.Of(content), content.Length);

        await store.AddVerifiedAsync(descriptor, new MemoryStream(content), "layout", CancellationToken.None);

        (await File.ReadAllBytesAsync(store.PathOf(descriptor.Digest))).ShouldBe(content);
    }
}
