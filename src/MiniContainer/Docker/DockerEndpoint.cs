using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace MiniContainer.Docker;

/// <summary>
/// Where the docker CLI would connect: DOCKER_HOST; else the endpoint of the context DOCKER_CONTEXT
/// names, or the currentContext of config.json (in DOCKER_CONFIG or ~/.docker); else the local socket.
/// </summary>
public static class DockerEndpoint
{
    public static readonly Uri LocalSocket = OperatingSystem.IsWindows() ? new Uri("npipe://./pipe/docker_engine") : new Uri("unix:///var/run/docker.sock");

    /// <exception cref="MiniContainerException">The named context does not exist or names no Docker endpoint.</exception>
    public static Uri Resolve() => Resolve(Environment.GetEnvironmentVariable, Environment.GetFolderPath(Environment.SpecialFolder.UserProfile));

    internal static Uri Resolve(Func<string, string?> environment, string home)
    {
        if (environment("DOCKER_HOST") is { Length: > 0 } host) return Parse(host, "DOCKER_HOST");

        var configDirectory = Credentials.DockerConfigFile.Folder(environment, home);
        var context = environment("DOCKER_CONTEXT") is { Length: > 0 } named ? named : CurrentContext(configDirectory);
        if (context is null or "default") return LocalSocket;

        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(context))).ToLowerInvariant();
        var meta = Path.Combine(configDirectory, "contexts", "meta", hash, "meta.json");
        if (!File.Exists(meta))
            throw new MiniContainerException($"The Docker context '{context}' does not exist (no {meta}). Create it with `docker context create`, or choose another with DOCKER_CONTEXT or DOCKER_HOST.");
        using var json = JsonDocument.Parse(File.ReadAllBytes(meta));
        if (json.RootElement.TryGetProperty("Endpoints", out var endpoints) && endpoints.TryGetProperty("docker", out var docker)
            && docker.TryGetProperty("Host", out var endpoint) && endpoint.GetString() is { Length: > 0 } value)
            return Parse(value, $"the Docker context '{context}'");
        throw new MiniContainerException($"The Docker context '{context}' names no Docker endpoint ({meta}). Fix it with `docker context update`, or set DOCKER_HOST.");
    }

    private static string? CurrentContext(string configDirectory)
    {
        var path = Path.Combine(configDirectory, "config.json");
        if (!File.Exists(path)) return null;
        try
        {
            using var json = JsonDocument.Parse(File.ReadAllBytes(path));
            return json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("currentContext", out var current) ? current.GetString() : null;
        }
        catch (JsonException)
        {
            return null; // the docker CLI's own config; an unreadable one selects no context
        }
    }

    private static Uri Parse(string value, string source) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri)
            ? uri
            : throw new MiniContainerException($"{source} is '{value}', which is not an endpoint: use e.g. unix:///var/run/docker.sock or tcp://127.0.0.1:2375.");
}
