using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MiniContainer.Docker.Credentials;
using MiniContainer.Images;
using MiniContainer.Oci;
using MiniContainer.Oci.Json;
using MiniContainer.Registry;
using MiniContainer.Sbom.Attach;

namespace MiniContainer.Publish;

/// <summary>
/// Pushes a multi-platform image with the distribution API: each platform's blobs and manifest (by
/// digest), then the image index under each tag, then each platform's SBOM as an artifact whose
/// subject is that platform's manifest. Saves and returns the index digest.
/// </summary>
public static class MultiPlatformPublishStep
{
    /// <exception cref="InvalidImageReferenceException">The registry, repository or a tag is not valid.</exception>
    /// <exception cref="RegistryRequestException">The registry refused or failed a request (named, with its URL).</exception>
    /// <exception cref="RegistryCredentialsException">The credentials could not be read.</exception>
    public static Task<PushedIndex> RunAsync(MultiPlatformPublishRequest request, ILogger? logger = null, CancellationToken cancellationToken = default) =>
        RunAsync(request, new RegistryCredentialResolver(), null, logger, cancellationToken);

    internal static async Task<PushedIndex> RunAsync(MultiPlatformPublishRequest request, RegistryCredentialResolver resolver,
        Func<string, RegistryCredentials?, IRegistryApi>? registryFactory, ILogger? logger, CancellationToken cancellationToken)
    {
        logger ??= NullLogger.Instance;
        var publish = request.Target;
        var tags = DistributionPushSession.TagsOf(publish, request.AdditionalTags);
        var layout = request.Image.LayoutDirectory;
        var index = await OciLayoutReader.ReadBlobAsync($"oci:{layout}", layout, new OciDescriptor(OciMediaTypes.ImageIndex, request.Image.IndexDigest, 0), cancellationToken).ConfigureAwait(false);

        using var session = await DistributionPushSession.OpenAsync(publish, tags, request.PlainHttp, resolver, registryFactory, cancellationToken).ConfigureAwait(false);
        var (target, api, repository) = (session.Target, session.Api, session.Repository);
        logger.LogInformation("Publish (multi-platform): pushing index {Digest} ({Platforms}) as {Targets}", request.Image.IndexDigest,
            string.Join(", ", request.Image.Platforms.Select(i => i.Platform)), session.Describe());

        var counts = new PushCounts(0, 0, 0);
        var sboms = new List<AttachedSbom>();
        OciDigest? pushedIndex = null;
        try
        {
            var pusher = new ImagePusher(api, logger);
            foreach (var image in request.Image.Platforms)
            {
                var manifestBytes = await OciLayoutReader.ReadBlobAsync($"oci:{layout}", layout, image.Manifest, cancellationToken).ConfigureAwait(false);
                var manifest = ImageManifestJson.Read(manifestBytes);
                var (_, pushed) = await pusher.PushAsync(repository, manifest, manifestBytes, d => Path.Combine(layout, "blobs", "sha256", d.Hex),
                    [image.Manifest.Digest.ToString()], DistributionPublishStep.MountSource(manifest, target), cancellationToken).ConfigureAwait(false);
                counts = new PushCounts(counts.Uploaded + pushed.Uploaded, counts.Mounted + pushed.Mounted, counts.AlreadyThere + pushed.AlreadyThere);
            }
            foreach (var tag in tags)
                pushedIndex = await api.PutManifestAsync(repository, tag, index, OciMediaTypes.ImageIndex, cancellationToken).ConfigureAwait(false);

            if (request.AttachSboms)
            {
                var attacher = new SbomAttacher(api, request.BlobCache ?? BlobStore.Default(), logger);
                foreach (var image in request.Image.Platforms.Where(i => i.Sbom is not null))
                    sboms.Add(await attacher.AttachAsync(repository, image.Manifest with { Platform = null }, image.Sbom!, request.Image.Created, cancellationToken).ConfigureAwait(false));
            }
        }
        catch (RegistryRequestException e)
        {
            logger.LogError("Publish: {Message}", e.Message);
            throw;
        }

        var digest = pushedIndex ?? request.Image.IndexDigest;
        await DistributionPushSession.SaveDigestAsync(publish.DigestFile, digest, cancellationToken).ConfigureAwait(false);
        logger.LogInformation("Publish: {Target} pushed, index digest {Digest} (blobs: {Counts}; {Sboms} SBOMs attached; saved to {File})", target, digest, counts, sboms.Count, publish.DigestFile);
        return new PushedIndex(new PublishedImage(target.ToString(), digest.ToString(), publish.DigestFile), tags,
            request.Image.Platforms.Select(i => (i.Platform, i.Manifest.Digest)).ToList(), sboms, counts);
    }
}
