using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using MiniContainer.Oci;
using MiniContainer.Oci.Bases;

namespace MiniContainer.Tests.Oci.Bases;

/// <summary>A docker-archive base whose gzipped layer is a decompression bomb: stopped at its bound, one clear error, nothing kept.</summary>
public sealed class DockerArchiveBaseReaderTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("mc-hostile-archive-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>A docker-archive of one image whose one layer is <paramref name="uncompressedBytes"/> zeros, gzipped; its diff_id is right.</summary>
    private string ArchiveWithZeroLayer(long uncompressedBytes)
    {
        var zeros = new byte[1 << 20];
        using var gzipped = new MemoryStream();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using (var gzip = new GZipStream(gzipped, CompressionLevel.SmallestSize, leaveOpen: true))
            for (long written = 0; written < uncompressedBytes; written += zeros.Length)
            {
                gzip.Write(zeros);
                hash.AppendData(zeros);
            }
        var diffId = OciDigest.FromHash(hash.GetHashAndReset());
        var config = $$$"""{"architecture":"amd64","os":"linux","rootfs":{"type":"layers","diff_ids":["{{{diffId}}}"]}}""";
        var path = Path.Combine(_folder, "bomb.tar");
        using var file = File.Create(path);
        using var tar = new TarWriter(file);
        void Add(string name, byte[] data) => tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(data) });
        Add("manifest.json", Encoding.UTF8.GetBytes("""[{"Config":"config.json","RepoTags":["bomb:1"],"Layers":["layer/layer.tar"]}]"""));
        Add("config.json", Encoding.UTF8.GetBytes(config));
        Add("layer/layer.tar", gzipped.ToArray());
        return path;
    }

    [Fact]
    public async Task A_gzipped_layer_that_expands_past_its_bound_is_refused_as_a_bomb_and_leaves_nothing_in_the_store()
    {
        const long expanded = 256L << 20; // gzips to ~256 KiB: a thousandfold
        var archive = ArchiveWithZeroLayer(expanded);
        var storeRoot = Path.Combine(_folder, "store");

        var error = await Should.ThrowAsync<InvalidImageSourceException>(() => DockerArchiveBaseReader.ReadAsync(
            new BaseImageSource.DockerArchive(archive), new OciPlatform("linux", "amd64"), new BlobStore(storeRoot), CancellationToken.None));

        error.Message.ShouldContain($"the gzipped layer layer/layer.tar");
        error.Message.ShouldContain($"expands past {DockerArchiveBaseReader.MinExpansionBound:N0} bytes, more than {DockerArchiveBaseReader.MaxExpansion} times its size, and was refused as a decompression bomb");
        Directory.EnumerateFiles(storeRoot, "*", SearchOption.AllDirectories).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_gzipped_layer_within_its_bound_is_read()
    {
        var archive = ArchiveWithZeroLayer(4L << 20);

        var image = await DockerArchiveBaseReader.ReadAsync(
            new BaseImageSource.DockerArchive(archive), new OciPlatform("linux", "amd64"), new BlobStore(Path.Combine(_folder, "store")), CancellationToken.None);

        image.Layers.ShouldHaveSingleItem();
    }

    [Fact]
    public async Task A_manifest_json_larger_than_a_document_may_be_is_refused_without_reading_it()
    {
        var path = Path.Combine(_folder, "huge-manifest.tar");
        await using (var file = File.Create(path))
        await using (var tar = new TarWriter(file))
        {
            await using var sparse = new FileStream(Path.Combine(_folder, "sparse"), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 4096, FileOptions.DeleteOnClose);
            sparse.SetLength(OciDocument.MaxBytes + 1);
            await tar.WriteEntryAsync(new PaxTarEntry(TarEntryType.RegularFile, "manifest.json") { DataStream = sparse });
        }

        var error = await Should.ThrowAsync<InvalidImageSourceException>(() => DockerArchiveBaseReader.ReadAsync(
            new BaseImageSource.DockerArchive(path), new OciPlatform("linux", "amd64"), new BlobStore(Path.Combine(_folder, "store")), CancellationToken.None));

        error.Message.ShouldContain($"its manifest.json has {OciDocument.MaxBytes + 1:N0} bytes, more than the {OciDocument.MaxBytes:N0} a JSON document may have");
    }
}
