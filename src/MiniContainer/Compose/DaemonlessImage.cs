using MiniContainer.Oci;

namespace MiniContainer.Compose;

/// <summary>An image composed without an engine, and where it was written.</summary>
public sealed record DaemonlessImage
{
    /// <summary>The manifest digest: what a registry will report, and what a deployment pins.</summary>
    public required OciDigest ManifestDigest { get; init; }

    /// <summary>The config digest: the image ID <c>docker load</c> and <c>docker images</c> show.</summary>
    public required OciDigest ConfigDigest { get; init; }

    public required IReadOnlyList<string> Tags { get; init; }

    public string? LayoutDirectory { get; init; }

    public string? ArchivePath { get; init; }

    public required string BaseImage { get; init; }

    /// <summary>The layer blobs' total size (gzipped), base layers included.</summary>
    public required long CompressedSize { get; init; }

    /// <summary>Manifests and blobs a registry base needed to download; 0 when all came from the cache.</summary>
    public int BaseDownloads { get; init; }

    public required TimeSpan Duration { get; init; }
}
