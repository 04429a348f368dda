namespace MiniContainer.Docker.Credentials;

/// <summary>Registry names as config.json keys them: Docker Hub's aliases map to its legacy index URL.</summary>
public static class RegistryHost
{
    /// <summary>The key the docker CLI uses for Docker Hub in config.json and for cred helpers.</summary>
    public const string DockerHubIndex = "https://index.docker.io/v1/";

    private static readonly string[] DockerHubAliases = ["docker.io", "index.docker.io", "registry-1.docker.io", "registry.hub.docker.com"];

    /// <summary>"https://Host:5000/v2/" -> "host:5000"; Docker Hub's names -> "docker.io".</summary>
    public static string Normalize(string registry)
    {
        var host = registry.Trim();
        var scheme = host.IndexOf("://", StringComparison.Ordinal);
        if (scheme >= 0) host = host[(scheme + 3)..];
        var slash = host.IndexOf('/');
        if (slash >= 0) host = host[..slash];
        host = host.ToLowerInvariant();
        return DockerHubAliases.Contains(host) ? "docker.io" : host;
    }

    public static bool IsDockerHub(string registry) => Normalize(registry) == "docker.io";

    /// <summary>The server address to ask a cred helper for and to give the engine.</summary>
    public static string ServerAddress(string registry) => IsDockerHub(registry) ? DockerHubIndex : Normalize(registry);
}
