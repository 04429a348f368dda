using MiniContainer.Oci.Json;

namespace MiniContainer.Oci.Outputs;

/// <summary>
/// Writes an OCI image layout: oci-layout, blobs/sha256/&lt;hex&gt; and index.json with one entry per
/// tag (org.opencontainers.image.ref.name). Entries of other names already in the folder are kept,
/// so images of several binaries can share one layout.
/// </summary>
public static class OciLayoutWriter
{
    private static readonly byte[] LayoutFile = "{\"imageLayoutVersion\":\"1.0.0\"}"u8.ToArray();

    public static async Task WriteAsync(string directory, BlobStore store, ComposedBlobs image, IReadOnlyList<string> refNames, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.Combine(directory, "blobs", "sha256"));
        // Every file lands through ArtifactFile: a link left at a predictable path (a blob's is its digest) is replaced, never written through.
        await ArtifactFile.WriteAsync(Path.Combine(directory, "oci-layout"), ArtifactFile.DataMode, (file, ct) => file.WriteAsync(LayoutFile, ct).AsTask(), cancellationToken).ConfigureAwait(false);
        foreach (var blob in image.All)
        {
            var target = new FileInfo(Path.Combine(directory, "blobs", "sha256", blob.Digest.Hex));
            if (target.Exists && target.LinkTarget is null && target.Length == blob.Size) continue;
            await ArtifactFile.WriteAsync(target.FullName, ArtifactFile.DataMode, async (file, ct) =>
            {
                await using var content = store.Open(blob.Digest);
                await content.CopyToAsync(file, ct).ConfigureAwait(false);
            }, cancellationToken).ConfigureAwait(false);
        }

        var indexPath = Path.Combine(directory, "index.json");
        var kept = new List<OciDescriptor>();
        if (File.Exists(indexPath))
        {
            try
            {
                kept.AddRange(ImageIndexJson.Read(await File.ReadAllBytesAsync(indexPath, cancellationToken).ConfigureAwait(false))
                    .Where(d => d.Annotations.GetValueOrDefault(ImageIndexJson.RefName) is { } name && !refNames.Contains(name)));
            }
            catch (FormatException)
            {
                // An index we cannot read is replaced: the folder is our output.
            }
        }
        var ours = refNames.Count == 0
            ? [image.Manifest]
            : refNames.Select(name => image.Manifest with { Annotations = image.Manifest.Annotations.SetItem(ImageIndexJson.RefName, name) });
        var index = ImageIndexJson.Write([.. kept, .. ours]);
        await ArtifactFile.WriteAsync(indexPath, ArtifactFile.DataMode, (file, ct) => file.WriteAsync(index, ct).AsTask(), cancellationToken).ConfigureAwait(false);
    }
}
