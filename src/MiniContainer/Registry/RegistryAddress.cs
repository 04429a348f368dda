using System.Net;
using MiniContainer.Docker.Credentials;
using MiniContainer.Images;

namespace MiniContainer.Registry;

/// <summary>
/// Where a registry's API lives: Docker Hub's names map to registry-1.docker.io (and single-name
/// repositories to library/…); loopback registries and those named insecure speak plain HTTP, as the docker CLI allows.
/// </summary>
public sealed record RegistryAddress(string Registry, Uri BaseUri)
{
    /// <exception cref="PlainHttpRefusedException">Plain HTTP for a host that is neither loopback nor in the transport's insecure registries.</exception>
    public static RegistryAddress For(string registry, bool? plainHttp = null, RegistryTransport? transport = null)
    {
        var host = RegistryHost.IsDockerHub(registry) ? "registry-1.docker.io" : registry.Trim().ToLowerInvariant();
        var mayUseHttp = IsLoopback(host) || transport?.IsInsecure(registry) == true;
        var http = plainHttp ?? mayUseHttp;
        if (http && !mayUseHttp) throw new PlainHttpRefusedException(registry);
        return new RegistryAddress(registry, new Uri($"{(http ? "http" : "https")}://{host}/"));
    }

    /// <summary>Whether <paramref name="url"/> is on this registry's origin (scheme, host and port): only there do its credentials go.</summary>
    public bool IsOrigin(Uri url) =>
        url.IsAbsoluteUri && Uri.Compare(url, BaseUri, UriComponents.Scheme | UriComponents.Host | UriComponents.StrongPort, UriFormat.SafeUnescaped, StringComparison.OrdinalIgnoreCase) == 0;

    /// <summary>Where a registry's credentials may go: its own origin, any https URL, or plain http on loopback.</summary>
    public bool MayReceiveCredentials(Uri url) =>
        IsOrigin(url) || url.Scheme == Uri.UriSchemeHttps || (url.Scheme == Uri.UriSchemeHttp && IsLoopback(url.Authority));

    /// <summary>The repository path the API takes: Docker Hub's official images live under library/.</summary>
    public static string RepositoryPath(ImageReference reference) =>
        RegistryHost.IsDockerHub(reference.RegistryHost) && !reference.Repository.Contains('/') ? "library/" + reference.Repository : reference.Repository;

    internal static bool IsLoopback(string hostAndPort)
    {
        var host = hostAndPort;
        if (host.StartsWith('['))
            host = host[1..host.IndexOf(']')];
        else if (host.Count(c => c == ':') == 1)
            host = host[..host.IndexOf(':')];
        return host == "localhost" || (IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address));
    }
}
