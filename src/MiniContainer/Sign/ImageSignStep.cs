using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MiniContainer.Docker.Credentials;
using MiniContainer.Oci;
using MiniContainer.Publish;
using MiniContainer.Registry;

namespace MiniContainer.Sign;

/// <summary>What to sign: an image (or index) already pushed, by its digest, in the registry and repository of <see cref="Target"/> (the push's own request).</summary>
public sealed record ImageSignRequest(PublishRequest Target, OciDigest Image, ImageSigningKey Key)
{
    public bool? PlainHttp { get; init; }

    public BlobStore? BlobCache { get; init; }
}

/// <summary>
/// Signs a pushed image in the cosign format, beside it in its repository (after Publish, for engine and daemonless
/// pushes alike). A registry that refuses the signature ends in an <see cref="ImageSignatureException"/> that says the
/// image is there unsigned.
/// </summary>
public static class ImageSignStep
{
    /// <exception cref="ImageSignatureException">The registry refused or failed the signature's push; the image itself is pushed.</exception>
    public static async Task<SignedImage> RunAsync(ImageSignRequest request, ILogger? logger = null, CancellationToken cancellationToken = default)
    {
        logger ??= NullLogger.Instance;
        var target = request.Target.Target;
        var identity = SignatureManifest.IdentityOf(target);
        try
        {
            var credentials = await new RegistryCredentialResolver().ResolveAsync(request.Target.Login, request.Target.DockerConfigFile, target.RegistryHost, cancellationToken).ConfigureAwait(false);
            using var api = request.Target.Transport.Open(target.RegistryHost, request.PlainHttp, credentials);
            return await new SignaturePusher(api, request.BlobCache ?? BlobStore.Default(), logger)
                .SignAsync(RegistryAddress.RepositoryPath(target), identity, request.Image, request.Key, cancellationToken).ConfigureAwait(false);
        }
        catch (RegistryRequestException e)
        {
            throw new ImageSignatureException($"{target} was pushed ({request.Image}), but its signature was not: {e.Message} " +
                                              $"The image is in the registry unsigned, so a policy that requires signatures refuses it: fix the cause and publish again (the push of the same image is quick).", e);
        }
    }
}
