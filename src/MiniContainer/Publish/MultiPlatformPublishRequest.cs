using MiniContainer.Compose.MultiPlatform;
using MiniContainer.Oci;

namespace MiniContainer.Publish;

/// <summary>Where to push a multi-platform image (the same <see cref="PublishRequest"/> as one image) and whether its SBOMs go along.</summary>
public sealed record MultiPlatformPublishRequest(PublishableIndex Image, PublishRequest Target)
{
    /// <summary>More tags for the index.</summary>
    public IReadOnlyList<string> AdditionalTags { get; init; } = [];

    /// <summary>Push each platform's SBOM as an artifact that refers to its image (on by default).</summary>
    public bool AttachSboms { get; init; } = true;

    /// <summary>Plain HTTP (true) or HTTPS (false); null uses HTTP only for loopback registries.</summary>
    public bool? PlainHttp { get; init; }

    /// <summary>Where the SBOM and artifact blobs are staged; null for <see cref="BlobStore.Default"/>.</summary>
    public BlobStore? BlobCache { get; init; }
}
