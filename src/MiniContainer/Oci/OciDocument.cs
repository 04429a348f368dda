namespace MiniContainer.Oci;

/// <summary>The bound on a JSON document we read whole into memory (index, manifest, config, manifest.json), whatever its source declares.</summary>
internal static class OciDocument
{
    /// <summary>Twice what registries accept for a manifest (4 MiB): far above any real index, manifest or config.</summary>
    public const long MaxBytes = 8 << 20;

    /// <summary>
    /// Reads a document of <paramref name="declaredSize"/> bytes (0 or less: unknown, bounded by <see cref="MaxBytes"/>),
    /// stopping at one byte past the bound, so memory stays bounded whatever the file is (a link to /dev/zero, say).
    /// </summary>
    /// <exception cref="BlobSizeException">The document is larger than declared or than <see cref="MaxBytes"/>, or shorter than declared.</exception>
    public static async Task<byte[]> ReadAsync(Stream source, long declaredSize, OciDigest? digest, string origin, CancellationToken cancellationToken)
    {
        var named = digest is { } d ? $"({d}) " : "";
        if (declaredSize > MaxBytes) throw new BlobSizeException(origin, $"{named}declares {declaredSize:N0} bytes, more than the {MaxBytes:N0} a JSON document may have");
        var limit = declaredSize > 0 ? declaredSize : MaxBytes;
        using var memory = new MemoryStream();
        var bounded = new BoundedReadStream(source, limit, () => new BlobSizeException(origin,
            declaredSize > 0 ? $"{named}is longer than the {declaredSize:N0} bytes its descriptor declares" : $"{named}is longer than the {MaxBytes:N0} bytes a JSON document may have"));
        await bounded.CopyToAsync(memory, 1 << 16, cancellationToken).ConfigureAwait(false);
        if (declaredSize > 0 && memory.Length != declaredSize)
            throw new BlobSizeException(origin, $"{named}has {memory.Length:N0} bytes, not the {declaredSize:N0} its descriptor declares");
        return memory.ToArray();
    }
}
