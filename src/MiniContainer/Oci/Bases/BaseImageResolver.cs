using Microsoft.Extensions.Logging;
using MiniContainer.Compose;
using MiniContainer.Docker.Credentials;
using MiniContainer.Registry;

namespace MiniContainer.Oci.Bases;

/// <summary>Turns a <see cref="BaseImageSource"/> into a <see cref="ResolvedBaseImage"/> with its blobs in the store.</summary>
internal static class BaseImageResolver
{
    public static async Task<(ResolvedBaseImage Image, int Downloads)> ResolveAsync(
        BaseImageSource source, OciPlatform platform, BlobStore store, DaemonlessComposeRequest request,
        Func<string, RegistryCredentials?, IRegistryApi>? registryFactory, ILogger logger, CancellationToken cancellationToken)
    {
        switch (source)
        {
            case BaseImageSource.Scratch:
                return (ResolvedBaseImage.Scratch, 0);
            case BaseImageSource.OciLayout layout:
                return (await OciLayoutBaseReader.ReadAsync(layout, platform, store, cancellationToken).ConfigureAwait(false), 0);
            case BaseImageSource.DockerArchive archive:
                return (await DockerArchiveBaseReader.ReadAsync(archive, platform, store, cancellationToken).ConfigureAwait(false), 0);
            case BaseImageSource.Registry registry:
                var host = registry.Reference.RegistryHost;
                var credentials = await new RegistryCredentialResolver().ResolveAsync(request.Login ?? RegistryLogin.FromEnvironment(null), request.DockerConfigFile, host, cancellationToken).ConfigureAwait(false);
                var api = registryFactory?.Invoke(host, credentials) ?? request.Transport.Open(host, null, credentials);
                try
                {
                    var puller = new RegistryBasePuller(api, store, logger);
                    var image = await puller.PullAsync(registry.Reference, platform, cancellationToken).ConfigureAwait(false);
                    return (image, puller.Downloads);
                }
                finally
                {
                    (api as IDisposable)?.Dispose();
                }
            default:
                throw new ArgumentOutOfRangeException(nameof(source), source, "unknown base image source");
        }
    }
}
