using MiniContainer.Images.Oci.Bases;
using MiniContainer.Images.Oci.Json;

namespace MiniContainer.Images.Oci;

/// <summary>An image found in an OCI layout: its manifest (bytes and parsed) and where the layout keeps blobs.</summary>
internal sealed record OciLayoutImage(string Directory, OciDescriptor Descriptor, byte[] ManifestBytes, ImageManifest Manifest)
{
    public string BlobPath(OciDigest digest) => Path.Combine(Directory, "blobs", "sha256", digest.Hex);
}

/// <summary>Finds an image in an OCI layout folder by name (ref.name) and platform, checking what a layout must hold.</summary>
internal static class OciLayoutReader
{
    /// <exception cref="InvalidImageSourceException">The folder is not a layout, or lacks the image or a blob.</exception>
    public static async Task<OciLayoutImage> OpenAsync(string folder, string? tag, OciPlatform? platform, CancellationToken cancellationToken)
    {
        var name = $"oci:{folder}{(tag is null ? "" : ":" + tag)}";
        if (!Directory.Exists(folder)) throw Invalid(name, $"the folder {folder} does not exist.");
        if (!File.Exists(Path.Combine(folder, "oci-layout")))
            throw Invalid(name, "it has no oci-layout file (an OCI image layout holds oci-layout, index.json and blobs/sha256/).");
        var indexPath = Path.Combine(folder, "index.json");
        if (!File.Exists(indexPath)) throw Invalid(name, "it has no index.json (an OCI image layout holds oci-layout, index.json and blobs/sha256/).");

        try
        {
            var chosen = Choose(name, ImageIndexJson.Read(await File.ReadAllBytesAsync(indexPath, cancellationToken).ConfigureAwait(false)), tag);
            if (OciMediaTypes.IsIndex(chosen.MediaType))
            {
                var nested = ImageIndexJson.Read(await ReadBlobAsync(name, folder, chosen, cancellationToken).ConfigureAwait(false));
                chosen = platform is null && nested.Count == 1 ? nested[0] : PlatformSelector.Select(name, nested, platform ?? OciPlatform.LinuxFor(Go.GoBuildOptions.HostGoArch()));
            }
            var bytes = await ReadBlobAsync(name, folder, chosen, cancellationToken).ConfigureAwait(false);
            return new OciLayoutImage(folder, chosen, bytes, ImageManifestJson.Read(bytes, chosen.MediaType));
        }
        catch (FormatException e)
        {
            throw Invalid(name, $"{e.Message}.");
        }
    }

    /// <summary>Reads a small blob (index, manifest, config) and checks it is what its digest says.</summary>
    public static async Task<byte[]> ReadBlobAsync(string name, string folder, OciDescriptor descriptor, CancellationToken cancellationToken)
    {
        var path = Path.Combine(folder, "blobs", "sha256", descriptor.Digest.Hex);
        if (!File.Exists(path)) throw Invalid(name, $"the blob blobs/sha256/{descriptor.Digest.Hex} ({descriptor.MediaType}) is missing.");
        var content = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        var actual = OciDigest.Of(content);
        if (actual != descriptor.Digest) throw new DigestMismatchException($"{name} (blobs/sha256/{descriptor.Digest.Hex})", descriptor.Digest, actual);
        return content;
    }

    private static OciDescriptor Choose(string name, IReadOnlyList<OciDescriptor> entries, string? tag)
    {
        if (entries.Count == 0) throw Invalid(name, "its index.json lists no manifests.");
        static string? RefName(OciDescriptor d) => d.Annotations.GetValueOrDefault(ImageIndexJson.RefName);
        var names = entries.Select(RefName).OfType<string>().ToList();
        if (tag is not null)
            return entries.FirstOrDefault(e => RefName(e) is { } r && (r == tag || r.EndsWith(":" + tag, StringComparison.Ordinal)))
                   ?? throw Invalid(name, $"it has no image named '{tag}'; it has: {(names.Count == 0 ? "only unnamed images" : string.Join(", ", names))}.");
        if (entries.Select(e => e.Digest).Distinct().Count() == 1) return entries[0];
        throw Invalid(name, $"it holds {entries.Count} images: name one as oci:<dir>:<name> ({(names.Count == 0 ? "they have no names" : string.Join(", ", names))}).");
    }

    internal static InvalidImageSourceException Invalid(string name, string problem) => new($"The OCI layout {name}", problem);
}
