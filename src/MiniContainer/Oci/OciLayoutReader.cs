using MiniContainer.Oci.Bases;
using MiniContainer.Oci.Json;

namespace MiniContainer.Oci;

/// <summary>An image found in an OCI layout: its manifest (bytes and parsed) and where the layout keeps blobs.</summary>
internal sealed record OciLayoutImage(string Directory, OciDescriptor Descriptor, byte[] ManifestBytes, ImageManifest Manifest)
{
    /// <summary>Where the layout keeps a blob, every link followed; a link out of the layout is refused.</summary>
    /// <exception cref="InvalidImageSourceException">The blob is a link that leads out of the layout.</exception>
    public string BlobPath(OciDigest digest) =>
        LayoutFile.Resolve(OciLayoutReader.Source($"oci:{Directory}"), Directory, OciLayoutReader.BlobName(digest)) ?? Path.Combine(Directory, OciLayoutReader.BlobName(digest));
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
        var indexPath = LayoutFile.Resolve(Source(name), folder, "index.json")
                        ?? throw Invalid(name, "it has no index.json (an OCI image layout holds oci-layout, index.json and blobs/sha256/).");

        try
        {
            byte[] index;
            await using (var file = File.OpenRead(indexPath))
                index = await OciDocument.ReadAsync(file, 0, null, $"{name} (index.json)", cancellationToken).ConfigureAwait(false);
            var chosen = Choose(name, ImageIndexJson.Read(index), tag);
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

    /// <summary>
    /// Reads a small blob (index, manifest, config), no larger than its descriptor's size (when it gives one) and
    /// <see cref="OciDocument.MaxBytes"/>, inside the layout, and checks it is what its digest says.
    /// </summary>
    public static async Task<byte[]> ReadBlobAsync(string name, string folder, OciDescriptor descriptor, CancellationToken cancellationToken)
    {
        var path = LayoutFile.Resolve(Source(name), folder, BlobName(descriptor.Digest))
                   ?? throw Invalid(name, $"the blob {BlobName(descriptor.Digest)} ({descriptor.MediaType}) is missing.");
        byte[] content;
        await using (var file = File.OpenRead(path))
            content = await OciDocument.ReadAsync(file, descriptor.Size, descriptor.Digest, $"{name} ({BlobName(descriptor.Digest)})", cancellationToken).ConfigureAwait(false);
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

    internal static InvalidImageSourceException Invalid(string name, string problem) => new(Source(name), problem);

    internal static string Source(string name) => $"The OCI layout {name}";

    internal static string BlobName(OciDigest digest) => $"blobs/sha256/{digest.Hex}";
}
