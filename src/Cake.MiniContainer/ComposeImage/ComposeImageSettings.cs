using Cake.Core.IO;
using MiniContainer.Compose;
using MiniContainer.Docker.Credentials;
using MiniContainer.Images;

namespace Cake.MiniContainer.ComposeImage;

/// <summary>Settings for <c>ComposeImage</c>: the runtime image around the binaries.</summary>
public sealed class ComposeImageSettings : Hosting.IEngineSettings
{
    /// <summary>The base image, or "scratch".</summary>
    public string BaseImage { get; set; } = RuntimeImageSpec.DefaultBaseImage;

    /// <summary>The binaries copied to /app; the first is the entry point unless <see cref="Entrypoint"/> is set.</summary>
    public IList<FilePath> Binaries { get; set; } = [];

    /// <summary>The local tags, e.g. "hello:latest"; at least one.</summary>
    public IList<string> Tags { get; set; } = [];

    public IList<string>? Entrypoint { get; set; }

    public IList<string>? Command { get; set; }

    /// <summary>USER; null for the non-root default (65532:65532); empty for the base image's user.</summary>
    public string? User { get; set; }

    public IDictionary<string, string> Environment { get; set; } = new Dictionary<string, string>();

    public IList<int> ExposedPorts { get; set; } = [];

    /// <summary>A staged CA bundle (from <c>CaCertificates</c>); null for none.</summary>
    public FilePath? CaBundleFile { get; set; }

    /// <summary>OCI labels: source URL, version and title; revision and created come from git and SOURCE_DATE_EPOCH.</summary>
    public OciLabelRequest Labels { get; set; } = new();

    /// <summary>The exact go build flags of the binaries; when set, the image is labelled with its provenance (source, revision -dirty marked, Go version, build settings, these flags).</summary>
    public IList<string>? BuildFlags { get; set; }

    /// <summary>The platform of an image composed without an engine (<c>ComposeOciImage</c>), e.g. "linux/arm64"; null for linux and this machine's architecture.</summary>
    public string? Platform { get; set; }

    /// <summary>How the image is put into the engine; <see cref="ImageAssembly.Auto"/> loads it when nothing must run in it.</summary>
    public ImageAssembly Assembly { get; set; } = ImageAssembly.Auto;

    public Uri? DockerHost { get; set; }

    /// <summary>Credentials given for the registry you publish to: used for a registry base only when it comes from that host (others get config.json's).</summary>
    public RegistryLogin? RegistryLogin { get; set; }

    /// <summary>The insecure hosts (plain HTTP beyond loopback) and the inactivity bound of a registry base's pull (<c>ComposeOciImage</c>).</summary>
    public global::MiniContainer.Registry.RegistryTransport RegistryTransport { get; set; } = new();

    /// <summary>The engine's inactivity bound is the registry's (one --inactivity-timeout).</summary>
    TimeSpan? Hosting.IEngineSettings.InactivityTimeout => RegistryTransport.InactivityTimeout;
}
