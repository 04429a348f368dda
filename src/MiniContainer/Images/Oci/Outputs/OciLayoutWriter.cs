using MiniContainer.Images.Oci.Json;

namespace MiniContainer.Images.Oci.Outputs;

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
        await File.WriteAllBytesAsync(Path.Combine(directory, "oci-layout"), LayoutFile, cancellationToken).ConfigureAwait(false);
        foreach (var blob in image.All)
        {
            var target = Path.Combine(directory, "blobs", "sha256", blob.Digest.Hex);
            if (File.Exists(target) && new FileInfo(target).Length == blob.Size) continue;
            File.Copy(store.PathOf(blob.Digest), target, overwrite: true);
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
        var temp = indexPath + ".tmp";
        await File.WriteAllBytesAsync(temp, ImageIndexJson.Write([.. kept, .. ours]), cancellationToken).ConfigureAwait(false);
        File.Move(temp, indexPath, overwrite: true);
    }
}
