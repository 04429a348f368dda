using MiniContainer.Oci;
using MiniContainer.Oci.Bases;

namespace MiniContainer.Tests.Oci;

/// <summary>A hostile OCI layout as a base: links out of it and blobs larger than declared end in one clear error, with memory bounded.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
[Collection(AllocationMeasuringTests.Name)]
public sealed class OciLayoutReaderTests : IDisposable
{
    private static readonly OciPlatform Amd64 = new("linux", "amd64");

    private readonly string _folder = Directory.CreateTempSubdirectory("mc-hostile-layout-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private TestLayout Layout() => new(Path.Combine(_folder, "layout"));

    private Task<ResolvedBaseImage> ReadAsBaseAsync(TestLayout layout, CancellationToken cancellationToken = default) =>
        OciLayoutBaseReader.ReadAsync(new BaseImageSource.OciLayout(layout.Folder, "t"), Amd64, new BlobStore(Path.Combine(_folder, "store")), cancellationToken);

    [Fact]
    public async Task The_untouched_layout_reads_as_a_base()
    {
        var layout = Layout();

        var image = await ReadAsBaseAsync(layout);

        image.Layers.ShouldHaveSingleItem().Digest.ShouldBe(layout.Layer.Digest);
    }

    [Fact]
    public async Task A_manifest_blob_that_links_to_dev_zero_is_refused_before_anything_is_read()
    {
        var layout = Layout();
        layout.Link(layout.Manifest, "/dev/zero");
        // The guard: a reader that followed the link would be cancelled here instead of reading on.
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(20));

        InvalidImageSourceException? error = null;
        var allocated = await Allocated.DuringAsync(async () => error = await Should.ThrowAsync<InvalidImageSourceException>(() => ReadAsBaseAsync(layout, guard.Token)));

        error!.Message.ShouldContain($"blobs/sha256/{layout.Manifest.Digest.Hex} is a link that leads out of the layout (to /dev/zero)");
        allocated.ShouldBeLessThan(32L << 20);
    }

    [Fact]
    public async Task A_layer_blob_that_links_to_a_file_outside_the_layout_is_refused_even_when_its_digest_matches()
    {
        var layout = Layout();
        var outside = Path.Combine(_folder, "outside");
        File.Copy(layout.PathOf(layout.Layer), outside);
        layout.Link(layout.Layer, outside);

        var error = await Should.ThrowAsync<InvalidImageSourceException>(() => ReadAsBaseAsync(layout));

        error.Message.ShouldContain($"blobs/sha256/{layout.Layer.Digest.Hex} is a link that leads out of the layout (to {outside})");
    }

    [Fact]
    public async Task A_blobs_folder_that_links_out_of_the_layout_is_refused()
    {
        var layout = Layout();
        var elsewhere = Path.Combine(_folder, "elsewhere");
        Directory.Move(Path.Combine(layout.Folder, "blobs"), elsewhere);
        Directory.CreateSymbolicLink(Path.Combine(layout.Folder, "blobs"), elsewhere);

        var error = await Should.ThrowAsync<InvalidImageSourceException>(() => ReadAsBaseAsync(layout));

        error.Message.ShouldContain("is a link that leads out of the layout");
    }

    [Fact]
    public async Task A_manifest_larger_than_its_descriptor_is_refused_at_the_declared_size_with_memory_bounded()
    {
        var layout = Layout();
        // A sparse gigabyte: cheap on disk, a gigabyte in memory for a reader that reads it whole.
        await using (var file = new FileStream(layout.PathOf(layout.Manifest), FileMode.Open, FileAccess.Write))
            file.SetLength(1L << 30);

        BlobSizeException? error = null;
        var allocated = await Allocated.DuringAsync(async () => error = await Should.ThrowAsync<BlobSizeException>(() => ReadAsBaseAsync(layout)));

        error!.Message.ShouldContain($"is longer than the {layout.Manifest.Size:N0} bytes its descriptor declares");
        allocated.ShouldBeLessThan(32L << 20);
    }

    [Fact]
    public async Task An_index_that_links_to_dev_zero_is_refused()
    {
        var layout = Layout();
        File.Delete(Path.Combine(layout.Folder, "index.json"));
        File.CreateSymbolicLink(Path.Combine(layout.Folder, "index.json"), "/dev/zero");
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(20));

        var error = await Should.ThrowAsync<InvalidImageSourceException>(() => ReadAsBaseAsync(layout, guard.Token));

        error.Message.ShouldContain("index.json is a link that leads out of the layout (to /dev/zero)");
    }
}
