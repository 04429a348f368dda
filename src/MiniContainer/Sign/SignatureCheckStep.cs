using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MiniContainer.Docker.Credentials;
using MiniContainer.Images;
using MiniContainer.Oci;
using MiniContainer.Publish;
using MiniContainer.Registry;

namespace MiniContainer.Sign;

/// <summary>What to check: an image in the registry and repository of <see cref="Target"/>, by digest, against a public key.</summary>
public sealed record SignatureCheckRequest(PublishRequest Target, OciDigest Image, SignatureVerificationKey Key)
{
    public bool? PlainHttp { get; init; }
}

/// <summary>Checks a pushed image's cosign-format signature against a public key, as a release pipeline does before it deploys.</summary>
public static class SignatureCheckStep
{
    /// <exception cref="ImageSignatureException">The image has no signature that holds for the key.</exception>
    /// <exception cref="RegistryRequestException">The registry refused or failed a request.</exception>
    public static async Task<VerifiedSignature> RunAsync(SignatureCheckRequest request, ILogger? logger = null, CancellationToken cancellationToken = default)
    {
        logger ??= NullLogger.Instance;
        var target = request.Target.Target;
        var identity = SignatureManifest.IdentityOf(target);
        var credentials = await new RegistryCredentialResolver().ResolveAsync(request.Target.Login, request.Target.DockerConfigFile, target.RegistryHost, cancellationToken).ConfigureAwait(false);
        using var api = request.Target.Transport.Open(target.RegistryHost, request.PlainHttp, credentials);
        var verified = await SignatureVerifier.VerifyAsync(api, RegistryAddress.RepositoryPath(target), identity, request.Image, request.Key, cancellationToken).ConfigureAwait(false);
        logger.LogInformation("VerifyImageSignature: {Image}@{Digest} is signed by the key in {Key} (tag {Tag})", identity, request.Image, request.Key.File, verified.Tag);
        return verified;
    }

    /// <summary>The digest a tag names now (for checking an image no digest file records).</summary>
    public static async Task<OciDigest> DigestOfAsync(PublishRequest target, bool? plainHttp, CancellationToken cancellationToken)
    {
        var reference = target.Target;
        var credentials = await new RegistryCredentialResolver().ResolveAsync(target.Login, target.DockerConfigFile, reference.RegistryHost, cancellationToken).ConfigureAwait(false);
        using var api = target.Transport.Open(reference.RegistryHost, plainHttp, credentials);
        return (await api.GetManifestAsync(RegistryAddress.RepositoryPath(reference), reference.Tag ?? "latest", cancellationToken).ConfigureAwait(false)).Digest;
    }
}
