using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MiniContainer.Docker.Credentials;
using MiniContainer.Oci;
using MiniContainer.Publish;
using MiniContainer.Registry;

namespace MiniContainer.Sbom.Attach;

/// <summary>What to attach: an SBOM written by <see cref="SbomStep"/>, the pushed image it describes, and the registry (same <see cref="PublishRequest"/> as the push).</summary>
public sealed record SbomAttachRequest(SbomFile Sbom, PublishRequest Target, OciDigest Subject)
{
    /// <summary>The artifact's time; null for the epoch (pass the image's time for a reproducible artifact digest).</summary>
    public DateTimeOffset? Created { get; init; }

    public bool? PlainHttp { get; init; }

    public BlobStore? BlobCache { get; init; }
}

/// <summary>
/// Attaches an SBOM to an image already in a registry (the one-platform path, after Publish): the
/// image's manifest is read back for its media type and size, then the SBOM goes up as an artifact
/// whose subject it is, listed by the referrers API or the sha256-&lt;hex&gt; referrers tag.
/// </summary>
public static class SbomAttachStep
{
    /// <exception cref="RegistryRequestException">The registry refused or failed a request; NotFound when the image is not there.</exception>
    public static async Task<AttachedSbom> RunAsync(SbomAttachRequest request, ILogger? logger = null, CancellationToken cancellationToken = default)
    {
        logger ??= NullLogger.Instance;
        var target = request.Target.Target;
        var credentials = await new RegistryCredentialResolver().ResolveAsync(request.Target.Login, request.Target.DockerConfigFile, target.RegistryHost, cancellationToken).ConfigureAwait(false);
        using var api = request.Target.Transport.Open(target.RegistryHost, request.PlainHttp, credentials);
        var repository = RegistryAddress.RepositoryPath(target);
        var image = await api.GetManifestAsync(repository, request.Subject.ToString(), cancellationToken).ConfigureAwait(false);
        var subject = new OciDescriptor(image.MediaType.Length > 0 ? image.MediaType : OciMediaTypes.ImageManifest, image.Digest, image.Content.Length);
        return await new SbomAttacher(api, request.BlobCache ?? BlobStore.Default(), logger)
            .AttachAsync(repository, subject, request.Sbom, request.Created ?? DateTimeOffset.UnixEpoch, cancellationToken).ConfigureAwait(false);
    }
}
