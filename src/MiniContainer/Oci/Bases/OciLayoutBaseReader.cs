using MiniContainer.Oci.Json;

namespace MiniContainer.Oci.Bases;

/// <summary>Reads a base image from an OCI image layout folder, verifying every blob it uses into the store.</summary>
internal static class OciLayoutBaseReader
{
    public static async Task<ResolvedBaseImage> ReadAsync(BaseImageSource.OciLayout source, OciPlatform platform, BlobStore store, CancellationToken cancellationToken)
    {
        var name = source.ToString();
        var image = await OciLayoutReader.OpenAsync(source.Directory, source.Tag, platform, cancellationToken).ConfigureAwait(false);
        var manifest = image.Manifest;
        ImageConfig config;
        try
        {
            config = ImageConfig.Read(await OciLayoutReader.ReadBlobAsync(name, source.Directory, manifest.Config, cancellationToken).ConfigureAwait(false));
        }
        catch (FormatException e)
        {
            throw OciLayoutReader.Invalid(name, $"{e.Message}.");
        }
        PlatformSelector.Check(name, config, platform);
        if (config.DiffIds.Count != manifest.Layers.Count)
            throw OciLayoutReader.Invalid(name, $"its manifest lists {manifest.Layers.Count} layers but its config {config.DiffIds.Count} diff_ids.");

        foreach (var layer in manifest.Layers)
        {
            var path = image.BlobPath(layer.Digest);
            if (!File.Exists(path)) throw OciLayoutReader.Invalid(name, $"the layer blob blobs/sha256/{layer.Digest.Hex} is missing.");
            await using var content = File.OpenRead(path);
            await store.AddVerifiedAsync(layer, content, $"{name} (blobs/sha256/{layer.Digest.Hex})", cancellationToken).ConfigureAwait(false);
        }
        return new ResolvedBaseImage(name, config, manifest.Layers.Select(l => l with { MediaType = OciMediaTypes.ToOciLayer(l.MediaType), Annotations = OciDescriptor.NoAnnotations }).ToList())
        {
            ManifestDigest = image.Descriptor.Digest,
        };
    }
}
