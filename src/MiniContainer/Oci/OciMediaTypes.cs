namespace MiniContainer.Oci;

/// <summary>The media types of the OCI image spec and their Docker (schema 2) counterparts.</summary>
public static class OciMediaTypes
{
    public const string ImageIndex = "application/vnd.oci.image.index.v1+json";
    public const string ImageManifest = "application/vnd.oci.image.manifest.v1+json";
    public const string ImageConfig = "application/vnd.oci.image.config.v1+json";
    public const string Layer = "application/vnd.oci.image.layer.v1.tar";
    public const string GzipLayer = "application/vnd.oci.image.layer.v1.tar+gzip";

    public const string DockerManifestList = "application/vnd.docker.distribution.manifest.list.v2+json";
    public const string DockerManifest = "application/vnd.docker.distribution.manifest.v2+json";
    public const string DockerConfig = "application/vnd.docker.container.image.v1+json";
    public const string DockerGzipLayer = "application/vnd.docker.image.rootfs.diff.tar.gzip";
    public const string DockerForeignGzipLayer = "application/vnd.docker.image.rootfs.foreign.diff.tar.gzip";

    public static bool IsIndex(string? mediaType) => mediaType is ImageIndex or DockerManifestList;

    public static bool IsManifest(string? mediaType) => mediaType is ImageManifest or DockerManifest;

    /// <summary>The OCI type of a base image's layer: Docker's gzip layers are the same bytes under another name.</summary>
    public static string ToOciLayer(string mediaType) => mediaType switch
    {
        DockerGzipLayer or DockerForeignGzipLayer => GzipLayer,
        _ => mediaType,
    };

    /// <summary>What the Accept header asks a registry for when reading a manifest.</summary>
    public static readonly IReadOnlyList<string> AcceptedManifests = [ImageIndex, DockerManifestList, ImageManifest, DockerManifest];
}
