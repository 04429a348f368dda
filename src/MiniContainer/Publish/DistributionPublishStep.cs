using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MiniContainer.Compose;
using MiniContainer.Docker.Credentials;
using MiniContainer.Images;
using MiniContainer.Oci;
using MiniContainer.Registry;

namespace MiniContainer.Publish;

/// <summary>
/// The Publish step without an engine: pushes an image of an OCI layout with the distribution API,
/// with the credentials the engine path would use (explicit, MINICONTAINER_REGISTRY_*, config.json
/// auths, credHelpers, credsStore); saves and returns the manifest digest.
/// </summary>
public static class DistributionPublishStep
{
    /// <exception cref="InvalidImageReferenceException">The registry, repository or a tag is not valid.</exception>
    /// <exception cref="InvalidImageSourceException">The layout is not one, or lacks the image or a blob.</exception>
    /// <exception cref="RegistryRequestException">The registry refused or failed a request (named, with its URL).</exception>
    /// <exception cref="RegistryCredentialsException">The credentials could not be read.</exception>
    public static Task<DistributionPushedImage> RunAsync(DistributionPublishRequest request, ILogger? logger = null, CancellationToken cancellationToken = default) =>
        RunAsync(request, new RegistryCredentialResolver(), null, logger, cancellationToken);

    internal static async Task<DistributionPushedImage> RunAsync(DistributionPublishRequest request, RegistryCredentialResolver resolver,
        Func<string, RegistryCredentials?, IRegistryApi>? registryFactory, ILogger? logger, CancellationToken cancellationToken)
    {
        logger ??= NullLogger.Instance;
        var publish = request.Target;
        var tags = DistributionPushSession.TagsOf(publish, request.AdditionalTags);
        var image = await OciLayoutReader.OpenAsync(request.LayoutDirectory, request.LayoutTag, null, cancellationToken).ConfigureAwait(false);

        using var session = await DistributionPushSession.OpenAsync(publish, tags, request.PlainHttp, resolver, registryFactory, cancellationToken).ConfigureAwait(false);
        var target = session.Target;
        logger.LogInformation("Publish (daemonless): pushing {Digest} from {Layout} as {Targets}", image.Descriptor.Digest, request.LayoutDirectory, session.Describe());

        OciDigest digest;
        PushCounts counts;
        try
        {
            var pusher = new ImagePusher(session.Api, logger) { Mode = request.UploadMode, ChunkSize = request.ChunkSize };
            (digest, counts) = await pusher.PushAsync(session.Repository, image.Manifest, image.ManifestBytes, image.BlobPath, tags,
                MountSource(image.Manifest, target), cancellationToken).ConfigureAwait(false);
        }
        catch (RegistryRequestException e)
        {
            logger.LogError("Publish: {Message}", e.Message);
            throw;
        }

        await DistributionPushSession.SaveDigestAsync(publish.DigestFile, digest, cancellationToken).ConfigureAwait(false);
        logger.LogInformation("Publish: {Target} pushed, digest {Digest} (blobs: {Counts}; saved to {File})", target, digest, counts, publish.DigestFile);
        return new DistributionPushedImage(new PublishedImage(target.ToString(), digest.ToString(), publish.DigestFile), tags, counts);
    }

    /// <summary>The base's repository when the base came from the same registry: its layers can be mounted, not uploaded.</summary>
    internal static string? MountSource(Oci.Json.ImageManifest manifest, ImageReference target)
    {
        if (manifest.Annotations.GetValueOrDefault(DaemonlessComposeStep.BaseNameAnnotation) is not { } baseName) return null;
        try
        {
            var reference = ImageReference.Parse(baseName);
            return RegistryHost.Normalize(reference.RegistryHost) == RegistryHost.Normalize(target.RegistryHost) ? RegistryAddress.RepositoryPath(reference) : null;
        }
        catch (InvalidImageReferenceException)
        {
            return null;
        }
    }
}
