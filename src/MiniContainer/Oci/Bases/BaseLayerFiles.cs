using System.Formats.Tar;
using System.IO.Compression;

namespace MiniContainer.Oci.Bases;

/// <summary>Reads one file of a base image from its layers in the blob store, as the image's file system shows it (the top layer that names it wins).</summary>
public static class BaseLayerFiles
{
    /// <param name="path">A path in the image, e.g. "/etc/passwd".</param>
    /// <returns>The file's text; null when no layer has it or a layer above deleted it.</returns>
    public static async Task<string?> ReadTextAsync(BlobStore store, IReadOnlyList<OciDescriptor> layers, string path, CancellationToken cancellationToken)
    {
        var wanted = path.Trim('/');
        var slash = wanted.LastIndexOf('/');
        var whiteout = slash < 0 ? ".wh." + wanted : $"{wanted[..slash]}/.wh.{wanted[(slash + 1)..]}";
        foreach (var layer in layers.Reverse())
        {
            await using var blob = store.Open(layer.Digest);
            await using var tar = layer.MediaType.EndsWith("gzip", StringComparison.Ordinal) ? new GZipStream(blob, CompressionMode.Decompress) : blob;
            using var reader = new TarReader(tar);
            while (await reader.GetNextEntryAsync(copyData: false, cancellationToken).ConfigureAwait(false) is { } entry)
            {
                var name = entry.Name.StartsWith("./", StringComparison.Ordinal) ? entry.Name[2..] : entry.Name.TrimStart('/');
                if (name == whiteout) return null;
                if (name != wanted || entry.DataStream is null || entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile)) continue;
                using var text = new StreamReader(entry.DataStream);
                return await text.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        return null;
    }
}
