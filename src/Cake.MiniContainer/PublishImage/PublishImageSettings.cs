using Cake.Core;
using Cake.Core.IO;
using MiniContainer.Docker.Credentials;
using MiniContainer.Publish;
using MiniContainer.Registry;

namespace Cake.MiniContainer.PublishImage;

/// <summary>Settings for <c>PublishImage</c>: where to push, and as whom.</summary>
public sealed class PublishImageSettings : Hosting.IEngineSettings
{
    /// <summary>host[:port]; empty for Docker Hub.</summary>
    public required string Registry { get; set; }

    public required string Repository { get; set; }

    public string Tag { get; set; } = "latest";

    /// <summary>With <see cref="Password"/>: explicit credentials. Otherwise MINICONTAINER_REGISTRY_USERNAME/_PASSWORD, then ~/.docker/config.json.</summary>
    public string? Username { get; set; }

    /// <summary>Never logged: shown as *** wherever it would appear.</summary>
    public string? Password { get; set; }

    public FilePath? DockerConfigFile { get; set; }

    /// <summary>Where the digest is saved; null for artifacts/image-digest.txt.</summary>
    public FilePath? DigestFile { get; set; }

    public Uri? DockerHost { get; set; }

    /// <summary>The insecure hosts (plain HTTP beyond loopback) and the inactivity bound of the push and SBOM attach.</summary>
    public RegistryTransport Transport { get; set; } = new();

    /// <summary>The engine's inactivity bound is the registry's (one --inactivity-timeout).</summary>
    TimeSpan? Hosting.IEngineSettings.InactivityTimeout => Transport.InactivityTimeout;

    /// <summary>The core's request: where, as whom, and the digest file (artifacts/image-digest.txt when none is named).</summary>
    internal PublishRequest ToRequest(ICakeContext context)
    {
        if (string.IsNullOrEmpty(Username) != string.IsNullOrEmpty(Password))
            throw new ArgumentException("PublishImage: give both a user name and a password, or neither.", nameof(Username));
        return new PublishRequest
        {
            Registry = Registry,
            Repository = Repository,
            Tag = Tag,
            Credentials = Username is { Length: > 0 } user ? new RegistryCredentials(user, Password!) : null,
            DockerConfigFile = DockerConfigFile?.MakeAbsolute(context.Environment).FullPath,
            Transport = Transport,
            DigestFile = DigestFile?.MakeAbsolute(context.Environment).FullPath ?? System.IO.Path.GetFullPath(System.IO.Path.Combine("artifacts", "image-digest.txt")),
        };
    }

    public override string ToString() =>
        $"{Registry}/{Repository}:{Tag} as {(Username is null ? "(from the environment or docker config)" : $"'{Username}'")}, password {(Password is null ? "not set" : "***")}";
}
