using MiniContainer.Docker.Credentials;
using MiniContainer.Images;

namespace MiniContainer.Publish;

/// <summary>Where to publish (registry/repository:tag), with which credentials, and where to save the digest.</summary>
public sealed record PublishRequest
{
    /// <summary>host[:port], e.g. registry.example.com or 127.0.0.1:5000; empty for Docker Hub.</summary>
    public required string Registry { get; init; }

    public required string Repository { get; init; }

    public required string Tag { get; init; }

    /// <summary>Explicit credentials for <see cref="Registry"/>; null falls back to MINICONTAINER_REGISTRY_USERNAME/_PASSWORD (when MINICONTAINER_REGISTRY is unset or names this registry), then config.json.</summary>
    public RegistryCredentials? Credentials { get; init; }

    /// <summary>The credentials given for this push, bound to its registry: they go nowhere else.</summary>
    public RegistryLogin? Login => Credentials is { } given ? new RegistryLogin(Registry, given) : RegistryLogin.FromEnvironment(Registry);

    /// <summary>The docker config to read credentials from; null for $DOCKER_CONFIG or ~/.docker/config.json.</summary>
    public string? DockerConfigFile { get; init; }

    /// <summary>Which hosts may be spoken to over plain HTTP, and the inactivity bound of every registry exchange (push, SBOM attach).</summary>
    public Registry.RegistryTransport Transport { get; init; } = new();

    /// <summary>Where the pushed digest is written (one line).</summary>
    public string DigestFile { get; init; } = Path.Combine("artifacts", "image-digest.txt");

    /// <exception cref="InvalidImageReferenceException">The registry, repository or tag is not valid.</exception>
    public ImageReference Target => ImageReference.Create(Registry, Repository, Tag);
}
