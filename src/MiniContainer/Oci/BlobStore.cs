using MiniContainer.Oci.Layers;

namespace MiniContainer.Oci;

/// <summary>
/// Blobs on disk named by digest (<c>blobs/sha256/&lt;hex&gt;</c>, as an OCI layout keeps them): the
/// cache of pulled base blobs and of the layers we write. A blob lands under its name only whole
/// and verified (written to a temp file, then renamed), so a reader never sees half of one.
/// </summary>
public sealed class BlobStore
{
    public BlobStore(string root)
    {
        Root = Path.GetFullPath(root);
    }

    public string Root { get; }

    /// <summary>$MINICONTAINER_BLOB_CACHE, else $XDG_CACHE_HOME/minicontainer/oci, else ~/.cache/minicontainer/oci.</summary>
    public static BlobStore Default()
    {
        var configured = Environment.GetEnvironmentVariable("MINICONTAINER_BLOB_CACHE");
        if (!string.IsNullOrEmpty(configured)) return new BlobStore(configured);
        return new BlobStore(CacheFolders.For("oci"));
    }

    public string PathOf(OciDigest digest) => Path.Combine(Root, "blobs", "sha256", digest.Hex);

    public bool Contains(OciDigest digest) => File.Exists(PathOf(digest));

    public Stream Open(OciDigest digest) => new FileStream(PathOf(digest), FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);

    public long SizeOf(OciDigest digest) => new FileInfo(PathOf(digest)).Length;

    public OciDigest AddBytes(byte[] content)
    {
        var digest = OciDigest.Of(content);
        if (Contains(digest)) return digest;
        var temp = NewTempFile();
        File.WriteAllBytes(temp, content);
        Commit(temp, digest);
        return digest;
    }

    /// <summary>
    /// A layer gzipped before (the zoneinfo, scratch's system files, an unchanged binary) is found by its diffID, from a first pass that
    /// only hashes the tar, and is not gzipped again. A new one is written in the one pass as always: gzip's output depends on how
    /// its input is split into writes, so the tar goes into it exactly as before and the digest stays the one earlier versions wrote.
    /// </summary>
    public LayerBlob AddLayer(LayerContent content, DateTimeOffset modificationTime) => AddLayer(content, modificationTime, out _);

    /// <summary>
    /// A layer of a spec (<see cref="RuntimeImageLayers.Planned"/>): one whose diffID is recorded (<see cref="LayerDigestRecord"/>:
    /// the zoneinfo tree, the binaries by size and time) and whose blob this store holds is taken without reading its files, as the
    /// engine path finds its image; any other is added from its files and, when it has a key, recorded for the next build.
    /// </summary>
    internal LayerBlob AddLayer(PlannedLayer layer, DateTimeOffset modificationTime)
    {
        if (layer.Known is { } known && LayerDigestRecord.TryRead(known, modificationTime) is { } recorded && CompressedLayerOf(recorded.DiffId) is { } held)
            return held;
        var blob = AddLayer(layer.Content(), modificationTime, out var tarSize);
        if (layer.Known is { } key) LayerDigestRecord.Write(key, modificationTime, blob.DiffId, tarSize);
        return blob;
    }

    private LayerBlob AddLayer(LayerContent content, DateTimeOffset modificationTime, out long tarSize)
    {
        OciDigest diffId;
        using (var hashing = new HashingWriteStream(Stream.Null))
        {
            LayerWriter.WriteTar(content, modificationTime, hashing);
            diffId = hashing.Digest();
            tarSize = hashing.BytesWritten;
        }
        if (CompressedLayerOf(diffId) is { } known) return known;
        var blob = AddWritten(stream => LayerWriter.Write(content, modificationTime, stream));
        RecordCompressedLayer(blob);
        return blob;
    }

    /// <summary>The gzip blob this store holds for an uncompressed layer, or null (never recorded, or its blob is gone or not its size).</summary>
    public LayerBlob? CompressedLayerOf(OciDigest diffId)
    {
        var record = DiffIdRecordPath(diffId);
        if (!File.Exists(record)) return null;
        var parts = File.ReadAllText(record).Trim().Split(' ');
        if (parts.Length != 2 || !OciDigest.TryParse(parts[0], out var digest) || !long.TryParse(parts[1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var size)) return null;
        return Contains(digest) && SizeOf(digest) == size ? new LayerBlob(digest, size, diffId) : null;
    }

    private void RecordCompressedLayer(LayerBlob blob)
    {
        var temp = NewTempFile();
        try
        {
            File.WriteAllText(temp, $"{blob.Digest} {blob.Size.ToString(System.Globalization.CultureInfo.InvariantCulture)}\n");
            var record = DiffIdRecordPath(blob.DiffId);
            Directory.CreateDirectory(Path.GetDirectoryName(record)!);
            File.Move(temp, record, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    // Beside blobs/, not in it: an OCI layout copied from the store holds blobs only. Under the compression's name: a blob another
    // level made (an earlier version's) is not this version's layer, so it is not found for it (the digests would depend on the cache).
    private string DiffIdRecordPath(OciDigest diffId) => Path.Combine(Root, "diffids", LayerWriter.Name, "sha256", diffId.Hex);

    /// <summary>Gzips an uncompressed layer tar into the store.</summary>
    public LayerBlob AddCompressed(Stream uncompressedTar) => AddWritten(stream => LayerWriter.Compress(uncompressedTar, stream));

    /// <summary>
    /// Copies a blob in, refusing it as soon as it runs past the size <paramref name="descriptor"/> declares
    /// (a hostile source cannot fill the disk), when it ends short of it, or when its bytes do not hash to its digest.
    /// </summary>
    /// <exception cref="BlobSizeException">The content is longer or shorter than its descriptor says.</exception>
    /// <exception cref="DigestMismatchException">The content is not the blob it was named as.</exception>
    public async Task AddVerifiedAsync(OciDescriptor descriptor, Stream source, string origin, CancellationToken cancellationToken)
    {
        var expected = descriptor.Digest;
        if (Contains(expected)) return;
        if (descriptor.Size < 0) throw new BlobSizeException(origin, $"({expected}) has a negative size in its descriptor");
        var temp = NewTempFile();
        try
        {
            OciDigest actual;
            await using (var file = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
            await using (var hashing = new HashingWriteStream(file))
            {
                var bounded = new BoundedReadStream(source, descriptor.Size, () => BlobSizeException.Longer(origin, expected, descriptor.Size));
                await bounded.CopyToAsync(hashing, 1 << 16, cancellationToken).ConfigureAwait(false);
                if (bounded.BytesRead != descriptor.Size) throw BlobSizeException.Shorter(origin, expected, descriptor.Size, bounded.BytesRead);
                actual = hashing.Digest();
            }
            if (actual != expected) throw new DigestMismatchException(origin, expected, actual);
            Commit(temp, expected);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    private LayerBlob AddWritten(Func<Stream, LayerBlob> write)
    {
        var temp = NewTempFile();
        try
        {
            LayerBlob blob;
            using (var file = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
                blob = write(file);
            Commit(temp, blob.Digest);
            return blob;
        }
        finally
        {
            File.Delete(temp);
        }
    }

    private string NewTempFile()
    {
        var folder = Path.Combine(Root, "tmp");
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, Guid.NewGuid().ToString("N"));
    }

    private void Commit(string temp, OciDigest digest)
    {
        var target = PathOf(digest);
        if (File.Exists(target)) return;
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.Move(temp, target, overwrite: true);
    }
}
