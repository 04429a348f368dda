using System.Text.Json;
using Microsoft.Extensions.Logging;
using MiniContainer.Images;
using MiniContainer.Oci.Json;
using MiniContainer.Registry;

namespace MiniContainer.Oci.Bases;

/// <summary>
/// Pulls a base image with the distribution API into the blob store: a tag is resolved with one
/// HEAD, and every manifest, config and layer is fetched only when the store lacks its digest, so
/// a second build downloads nothing. Every download is verified against its digest.
/// </summary>
internal sealed class RegistryBasePuller(IRegistryApi api, BlobStore store, ILogger logger)
{
    public int Downloads { get; private set; }

    public async Task<ResolvedBaseImage> PullAsync(ImageReference reference, OciPlatform platform, CancellationToken cancellationToken)
    {
        var name = reference.ToString();
        var repository = RegistryAddress.RepositoryPath(reference);
        var top = await ManifestAsync(repository, reference.Digest ?? reference.Tag ?? "latest", cancellationToken).ConfigureAwait(false);

        var (content, mediaType, digest) = top;
        if (OciMediaTypes.IsIndex(mediaType))
        {
            var chosen = PlatformSelector.Select(name, ImageIndexJson.Read(content), platform);
            (content, mediaType, digest) = await ManifestAsync(repository, chosen.Digest.ToString(), cancellationToken).ConfigureAwait(false);
        }

        ImageManifest manifest;
        try
        {
            manifest = ImageManifestJson.Read(content, mediaType);
        }
        catch (FormatException e)
        {
            throw new InvalidImageSourceException($"The registry image {name}", $"{e.Message}.");
        }
        if (manifest.Config.Size > OciDocument.MaxBytes)
            throw new InvalidImageSourceException($"The registry image {name}", $"its manifest declares a config of {manifest.Config.Size:N0} bytes, more than the {OciDocument.MaxBytes:N0} a config may have.");
        await BlobAsync(repository, manifest.Config, name, cancellationToken).ConfigureAwait(false);
        ImageConfig config;
        try
        {
            config = ImageConfig.Read(await File.ReadAllBytesAsync(store.PathOf(manifest.Config.Digest), cancellationToken).ConfigureAwait(false));
        }
        catch (FormatException e)
        {
            throw new InvalidImageSourceException($"The registry image {name}", $"{e.Message}.");
        }
        PlatformSelector.Check(name, config, platform);
        foreach (var layer in manifest.Layers)
            await BlobAsync(repository, layer, name, cancellationToken).ConfigureAwait(false);

        logger.LogInformation("Base {Name} ({Platform}, {Digest}): {Layers} layers, {Downloads} downloads ({Cached})",
            name, config.Platform, digest, manifest.Layers.Count, Downloads, Downloads == 0 ? "all from the blob cache" : "the rest from the blob cache");
        return new ResolvedBaseImage(name, config, manifest.Layers.Select(l => l with { MediaType = OciMediaTypes.ToOciLayer(l.MediaType), Annotations = OciDescriptor.NoAnnotations }).ToList())
        {
            Origin = (api.Registry, repository),
            ManifestDigest = digest,
        };
    }

    /// <summary>A manifest by tag or digest: a tag costs one HEAD; bytes come from the store when it has the digest.</summary>
    private async Task<(byte[] Content, string MediaType, OciDigest Digest)> ManifestAsync(string repository, string reference, CancellationToken cancellationToken)
    {
        OciDigest? digest = OciDigest.TryParse(reference, out var given) ? given : await api.HeadManifestAsync(repository, reference, cancellationToken).ConfigureAwait(false);
        if (digest is { } known && store.Contains(known))
        {
            var cached = await File.ReadAllBytesAsync(store.PathOf(known), cancellationToken).ConfigureAwait(false);
            return (cached, MediaTypeOf(cached, ""), known);
        }
        var fetched = await api.GetManifestAsync(repository, reference, cancellationToken).ConfigureAwait(false);
        Downloads++;
        store.AddBytes(fetched.Content);
        return (fetched.Content, MediaTypeOf(fetched.Content, fetched.MediaType), fetched.Digest);
    }

    /// <summary>Downloads a blob into the store, stopped the moment the registry sends more than the descriptor's size.</summary>
    private async Task BlobAsync(string repository, OciDescriptor descriptor, string name, CancellationToken cancellationToken)
    {
        if (store.Contains(descriptor.Digest)) return;
        await using var content = await api.OpenBlobAsync(repository, descriptor.Digest, cancellationToken).ConfigureAwait(false);
        await store.AddVerifiedAsync(descriptor, content, $"{api.Registry}/{repository} ({name})", cancellationToken).ConfigureAwait(false);
        Downloads++;
    }

    /// <summary>The document's own mediaType; else an index when it has "manifests"; else what the transport said.</summary>
    internal static string MediaTypeOf(byte[] content, string transportType)
    {
        try
        {
            using var json = JsonDocument.Parse(content);
            if (json.RootElement.TryGetProperty("mediaType", out var type) && type.GetString() is { Length: > 0 } named) return named;
            if (json.RootElement.TryGetProperty("manifests", out _)) return OciMediaTypes.ImageIndex;
            if (json.RootElement.TryGetProperty("layers", out _)) return OciMediaTypes.ImageManifest;
        }
        catch (JsonException)
        {
        }
        return transportType;
    }
}
