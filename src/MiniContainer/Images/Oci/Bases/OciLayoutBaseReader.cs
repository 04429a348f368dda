using MiniContainer.Images.Oci.Json;

namespace MiniContainer.Images.Oci.Bases;

/// <summary>Reads a base image from an OCI image layout folder, verifying every blob it uses into the store.</summary>
internal static class OciLayoutBaseReader
{
    public static async Task<ResolvedBaseImage> ReadAsync(BaseImageSource.OciLayout source, OciPlatform platform, BlobStore store, CancellationToken cancellationToken)
    {
        var name = source.ToString();
        var folder = source.Directory;
        if (!Directory.Exists(folder)) throw Invalid(name, $"the folder {folder} does not exist.");
        if (!File.Exists(Path.Combine(folder, "oci-layout")))
            throw Invalid(name, "it has no oci-layout file (an OCI image layout holds oci-layout, index.json and blobs/sha256/).");
        var indexPath = Path.Combine(folder, "index.json");
        if (!File.Exists(indexPath)) throw Invalid(name, "it has no index.json (an OCI image layout holds oci-layout, index.json and blobs/sha256/).");

        IReadOnlyList<OciDescriptor> entries;
        try
        {
            entries = ImageIndexJson.Read(await File.ReadAllBytesAsync(indexPath, cancellationToken).ConfigureAwait(false));
        }
        catch (FormatException e)
        {
            throw Invalid(name, $"index.json: {e.Message}.");
        }

        var chosen = Choose(name, entries, source.Tag);
        if (OciMediaTypes.IsIndex(chosen.MediaType))
        {
            var nested = ImageIndexJson.Read(await ReadBlobAsync(name, folder, chosen, cancellationToken).ConfigureAwait(false));
            chosen = PlatformSelector.Select(name, nested, platform);
        }

        ImageManifest manifest;
        ImageConfig config;
        try
        {
            manifest = ImageManifestJson.Read(await ReadBlobAsync(name, folder, chosen, cancellationToken).ConfigureAwait(false), chosen.MediaType);
            config = ImageConfig.Read(await ReadBlobAsync(name, folder, manifest.Config, cancellationToken).ConfigureAwait(false));
        }
        catch (FormatException e)
        {
            throw Invalid(name, $"{e.Message}.");
        }
        PlatformSelector.Check(name, config, platform);
        if (config.DiffIds.Count != manifest.Layers.Count)
            throw Invalid(name, $"its manifest lists {manifest.Layers.Count} layers but its config {config.DiffIds.Count} diff_ids.");

        foreach (var layer in manifest.Layers)
        {
            var path = BlobPath(folder, layer.Digest);
            if (!File.Exists(path)) throw Invalid(name, $"the layer blob blobs/sha256/{layer.Digest.Hex} is missing.");
            await using var content = File.OpenRead(path);
            await store.AddVerifiedAsync(layer.Digest, content, $"{name} (blobs/sha256/{layer.Digest.Hex})", cancellationToken).ConfigureAwait(false);
        }
        return new ResolvedBaseImage(name, config, manifest.Layers.Select(l => l with { MediaType = OciMediaTypes.ToOciLayer(l.MediaType), Annotations = l.Annotations.Clear() }).ToList())
        {
            ManifestDigest = chosen.Digest,
        };
    }

    private static OciDescriptor Choose(string name, IReadOnlyList<OciDescriptor> entries, string? tag)
    {
        if (entries.Count == 0) throw Invalid(name, "its index.json lists no manifests.");
        string? RefName(OciDescriptor d) => d.Annotations.GetValueOrDefault(ImageIndexJson.RefName);
        var names = entries.Select(RefName).OfType<string>().ToList();
        if (tag is not null)
            return entries.FirstOrDefault(e => RefName(e) is { } r && (r == tag || r.EndsWith(":" + tag, StringComparison.Ordinal)))
                   ?? throw Invalid(name, $"it has no image named '{tag}'; it has: {(names.Count == 0 ? "only unnamed images" : string.Join(", ", names))}.");
        if (entries.Select(e => e.Digest).Distinct().Count() == 1) return entries[0];
        throw Invalid(name, $"it holds {entries.Count} images: name one as oci:<dir>:<name> ({(names.Count == 0 ? "they have no names" : string.Join(", ", names))}).");
    }

    private static async Task<byte[]> ReadBlobAsync(string name, string folder, OciDescriptor descriptor, CancellationToken cancellationToken)
    {
        var path = BlobPath(folder, descriptor.Digest);
        if (!File.Exists(path)) throw Invalid(name, $"the blob blobs/sha256/{descriptor.Digest.Hex} ({descriptor.MediaType}) is missing.");
        var content = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        var actual = OciDigest.Of(content);
        if (actual != descriptor.Digest) throw new DigestMismatchException($"{name} (blobs/sha256/{descriptor.Digest.Hex})", descriptor.Digest, actual);
        return content;
    }

    private static string BlobPath(string folder, OciDigest digest) => Path.Combine(folder, "blobs", "sha256", digest.Hex);

    private static InvalidImageSourceException Invalid(string name, string problem) => new($"The OCI layout {name}", problem);
}
