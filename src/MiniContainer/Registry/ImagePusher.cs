using Microsoft.Extensions.Logging;
using MiniContainer.Oci;
using MiniContainer.Oci.Json;

namespace MiniContainer.Registry;

/// <summary>
/// Pushes one image in the distribution API's order: per blob (layers, then config) a HEAD, a
/// cross-repository mount when the base came from this registry, else an upload (whole, then
/// chunked when the registry will not take it whole); then the manifest once per tag. When every tag already names this
/// manifest, nothing is sent: the registry holds it, and so every blob it references.
/// </summary>
internal sealed class ImagePusher(IRegistryApi api, ILogger logger)
{
    public const long DefaultChunkSize = 16L * 1024 * 1024;

    public BlobUploadMode Mode { get; init; } = BlobUploadMode.WholeThenChunked;

    public long ChunkSize { get; init; } = DefaultChunkSize;

    public async Task<(OciDigest Digest, PushCounts Counts)> PushAsync(
        string repository, ImageManifest manifest, byte[] manifestBytes, Func<OciDigest, string> blobPath,
        IReadOnlyList<string> tags, string? mountFrom, CancellationToken cancellationToken)
    {
        var blobs = manifest.Layers.Append(manifest.Config).DistinctBy(b => b.Digest).ToList();
        var manifestDigest = OciDigest.Of(manifestBytes);
        if (await AlreadyPushedAsync(repository, manifestDigest, tags, cancellationToken).ConfigureAwait(false))
        {
            logger.LogDebug("Push: {Repository} already has {Digest} under {Tags}", repository, manifestDigest, string.Join(", ", tags));
            return (manifestDigest, new PushCounts(0, 0, blobs.Count));
        }
        int uploaded = 0, mounted = 0, there = 0;
        foreach (var blob in blobs)
        {
            if (await api.BlobExistsAsync(repository, blob.Digest, cancellationToken).ConfigureAwait(false))
            {
                there++;
                continue;
            }
            Uri location;
            if (mountFrom is not null && mountFrom != repository)
            {
                var opened = await api.MountOrStartUploadAsync(repository, blob.Digest, mountFrom, cancellationToken).ConfigureAwait(false);
                if (opened is null)
                {
                    mounted++;
                    logger.LogDebug("Push: {Digest} mounted from {From}", blob.Digest, mountFrom);
                    continue;
                }
                location = opened;
            }
            else
            {
                location = await api.StartUploadAsync(repository, cancellationToken).ConfigureAwait(false);
            }
            await UploadAsync(repository, location, blob, blobPath(blob.Digest), cancellationToken).ConfigureAwait(false);
            uploaded++;
        }

        OciDigest? digest = null;
        foreach (var tag in tags)
            digest = await api.PutManifestAsync(repository, tag, manifestBytes, manifest.MediaType, cancellationToken).ConfigureAwait(false);
        return (digest ?? manifestDigest, new PushCounts(uploaded, mounted, there));
    }

    private async Task<bool> AlreadyPushedAsync(string repository, OciDigest digest, IReadOnlyList<string> tags, CancellationToken cancellationToken)
    {
        if (tags.Count == 0) return false;
        foreach (var tag in tags)
            if (await api.ManifestDigestBeforePushAsync(repository, tag, cancellationToken).ConfigureAwait(false) != digest) return false;
        return true;
    }

    private async Task UploadAsync(string repository, Uri location, OciDescriptor blob, string path, CancellationToken cancellationToken)
    {
        if (Mode == BlobUploadMode.WholeThenChunked)
        {
            try
            {
                await api.PutWholeBlobAsync(repository, location, blob.Digest, BlobFileSlice.Whole(path), cancellationToken).ConfigureAwait(false);
                return;
            }
            // Refused, or the connection closed mid-upload (some proxies cut long requests): chunks are smaller requests.
            catch (RegistryRequestException e) when (e.Failure is RegistryFailure.Unexpected or RegistryFailure.ServerError or RegistryFailure.ConnectionLost)
            {
                logger.LogInformation("Push: the registry did not take {Digest} whole ({Status}); sending it in chunks", blob.Digest, e.StatusCode?.ToString() ?? e.Failure.ToString());
                location = await api.StartUploadAsync(repository, cancellationToken).ConfigureAwait(false);
            }
        }
        var size = new FileInfo(path).Length;
        for (long offset = 0; offset < size; offset += ChunkSize)
            location = await api.PatchChunkAsync(repository, location, new BlobFileSlice(path, offset, Math.Min(ChunkSize, size - offset)), cancellationToken).ConfigureAwait(false);
        await api.FinishUploadAsync(repository, location, blob.Digest, cancellationToken).ConfigureAwait(false);
    }
}
