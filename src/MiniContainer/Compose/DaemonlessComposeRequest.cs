using MiniContainer.Docker.Credentials;
using MiniContainer.Images;
using MiniContainer.Oci;
using MiniContainer.Oci.Bases;
using MiniContainer.Oci.Outputs;

namespace MiniContainer.Compose;

/// <summary>
/// What to compose without an engine: the same <see cref="RuntimeImageSpec"/> as the engine path,
/// the tags to name it by (e.g. "hello:dev"), and where to write it. The rest has defaults.
/// </summary>
public sealed record DaemonlessComposeRequest(RuntimeImageSpec Spec, IReadOnlyList<string> Tags, OciOutputs Outputs)
{
    /// <summary>The base; null reads it from <see cref="RuntimeImageSpec.BaseImage"/> ("scratch", "oci:&lt;dir&gt;[:tag]", "docker-archive:&lt;file&gt;", or a registry image).</summary>
    public BaseImageSource? Base { get; init; }

    /// <summary>The image's platform; null for linux and this machine's architecture.</summary>
    public OciPlatform? Platform { get; init; }

    /// <summary>The image time; null resolves it with <see cref="ImageTimestamp"/> (SOURCE_DATE_EPOCH, commit time of <see cref="SourceDirectory"/>, epoch).</summary>
    public DateTimeOffset? Created { get; init; }

    /// <summary>A folder in the git checkout the image is built from, for the commit time.</summary>
    public string? SourceDirectory { get; init; }

    /// <summary>Where blobs are cached by digest; null for <see cref="BlobStore.Default"/>.</summary>
    public BlobStore? BlobCache { get; init; }

    /// <summary>
    /// Credentials given for one registry (the one you publish to): used only when the base comes from that host.
    /// Null takes MINICONTAINER_REGISTRY_USERNAME/_PASSWORD for the host MINICONTAINER_REGISTRY names; any other base host gets config.json's.
    /// </summary>
    public RegistryLogin? Login { get; init; }

    /// <summary>Which hosts may be spoken to over plain HTTP, and the inactivity bound of the base pull.</summary>
    public Registry.RegistryTransport Transport { get; init; } = new();

    /// <summary>The docker config to read credentials from; null for $DOCKER_CONFIG or ~/.docker/config.json.</summary>
    public string? DockerConfigFile { get; init; }
}
