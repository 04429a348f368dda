using MiniContainer.Registry;

namespace MiniContainer.Publish;

/// <summary>
/// Which image of an OCI layout to push, where (the same <see cref="PublishRequest"/> as the engine
/// path: registry, repository, tag, credentials, digest file) and under which further tags.
/// </summary>
public sealed record DistributionPublishRequest(string LayoutDirectory, PublishRequest Target)
{
    /// <summary>The image's name in the layout (its ref.name, e.g. "dev"); null when the layout holds one image.</summary>
    public string? LayoutTag { get; init; }

    /// <summary>More tags for the same manifest in the same repository.</summary>
    public IReadOnlyList<string> AdditionalTags { get; init; } = [];

    public BlobUploadMode UploadMode { get; init; } = BlobUploadMode.WholeThenChunked;

    public long ChunkSize { get; init; } = ImagePusher.DefaultChunkSize;

    /// <summary>Plain HTTP (true) or HTTPS (false); null uses HTTP only for loopback registries, as the docker CLI does.</summary>
    public bool? PlainHttp { get; init; }
}
