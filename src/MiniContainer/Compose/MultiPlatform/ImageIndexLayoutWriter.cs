using MiniContainer.Oci;
using MiniContainer.Oci.Json;

namespace MiniContainer.Compose.MultiPlatform;

/// <summary>
/// Adds an image index over platform manifests to an OCI layout: the index blob, and an index.json
/// entry naming it by the tag (entries of other names kept). The index is pure: same manifests, same bytes.
/// </summary>
public static class ImageIndexLayoutWriter
{
    /// <summary>The index of the platform manifests, in the given order, each with its platform.</summary>
    public static byte[] IndexOf(IReadOnlyList<OciDescriptor> platformManifests, IReadOnlyDictionary<string, string>? annotations = null)
    {
        if (platformManifests.Any(m => m.Platform is null)) throw new ArgumentException("Every manifest of a multi-platform index needs its platform.", nameof(platformManifests));
        return ImageIndexJson.Write(platformManifests.Select(m => m with { Annotations = OciDescriptor.NoAnnotations }).ToList(), annotations);
    }

    public static async Task<OciDescriptor> WriteAsync(string layoutDirectory, IReadOnlyList<OciDescriptor> platformManifests, string tag, CancellationToken cancellationToken,
        IReadOnlyDictionary<string, string>? annotations = null)
    {
        var index = IndexOf(platformManifests, annotations);
        var descriptor = new OciDescriptor(OciMediaTypes.ImageIndex, OciDigest.Of(index), index.Length);
        var blob = Path.Combine(layoutDirectory, "blobs", "sha256", descriptor.Digest.Hex);
        await ArtifactFile.WriteAsync(blob, ArtifactFile.DataMode, (file, ct) => file.WriteAsync(index, ct).AsTask(), cancellationToken).ConfigureAwait(false);

        var indexPath = Path.Combine(layoutDirectory, "index.json");
        var kept = File.Exists(indexPath)
            ? ImageIndexJson.Read(await File.ReadAllBytesAsync(indexPath, cancellationToken).ConfigureAwait(false))
                .Where(d => d.Annotations.GetValueOrDefault(ImageIndexJson.RefName) != tag).ToList()
            : [];
        var entry = descriptor with { Annotations = OciDescriptor.NoAnnotations.Add(ImageIndexJson.RefName, tag) };
        var json = ImageIndexJson.Write([.. kept, entry]);
        await ArtifactFile.WriteAsync(indexPath, ArtifactFile.DataMode, (file, ct) => file.WriteAsync(json, ct).AsTask(), cancellationToken).ConfigureAwait(false);
        return descriptor;
    }
}
