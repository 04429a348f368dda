using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MiniContainer.Docker;
using MiniContainer.Docker.Credentials;
using MiniContainer.Images;

namespace MiniContainer.Publish;

/// <summary>
/// The Publish step: tags the image registry/repository:tag and pushes it through the engine with
/// the user's credentials; prints and saves the digest. Secrets never reach a message or a log.
/// </summary>
public static class PublishImageStep
{
    /// <exception cref="InvalidImageReferenceException">The registry, repository or tag is not valid.</exception>
    /// <exception cref="ImagePushFailedException">Refused credentials, an unreachable registry, or another push error.</exception>
    public static async Task<PublishedImage> RunAsync(DockerEngine engine, string image, PublishRequest request, ILogger? logger = null, CancellationToken cancellationToken = default) =>
        await RunAsync(engine, image, request, new RegistryCredentialResolver(), logger, cancellationToken).ConfigureAwait(false);

    public static async Task<PublishedImage> RunAsync(DockerEngine engine, string image, PublishRequest request, RegistryCredentialResolver resolver, ILogger? logger = null, CancellationToken cancellationToken = default)
    {
        logger ??= NullLogger.Instance;
        var target = request.Target;
        var credentials = await resolver.ResolveAsync(request.Login, request.DockerConfigFile, target.RegistryHost, cancellationToken).ConfigureAwait(false);
        logger.LogInformation("Publish: pushing {Image} as {Target} with {Credentials}", image, target, credentials?.ToString() ?? "no credentials (anonymous)");

        var pusher = new DockerImagePusher(engine);
        await pusher.TagAsync(image, target, cancellationToken).ConfigureAwait(false);
        string digest;
        try
        {
            digest = await pusher.PushAsync(target, credentials, cancellationToken).ConfigureAwait(false);
        }
        catch (ImagePushFailedException e)
        {
            logger.LogError("Publish: {Message}", e.Message);
            throw;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(request.DigestFile))!);
        await File.WriteAllTextAsync(request.DigestFile, digest + "\n", cancellationToken).ConfigureAwait(false);
        logger.LogInformation("Publish: {Target} pushed, digest {Digest} (saved to {File})", target, digest, request.DigestFile);
        return new PublishedImage(target.ToString(), digest, request.DigestFile);
    }
}
