using MiniContainer.Compile;
using MiniContainer.Oci;
using MiniContainer.Publish;
using MiniContainer.Sbom;

namespace MiniContainer.Compose.MultiPlatform;

/// <summary>A multi-platform image in an OCI layout: the index (tagged <see cref="Tag"/>) and one image per platform.</summary>
public sealed record MultiPlatformImage
{
    /// <summary>The image index's digest: what a registry reports for the tag, and what a deployment pins.</summary>
    public required OciDigest IndexDigest { get; init; }

    public required string ImageName { get; init; }

    public required string Tag { get; init; }

    /// <summary>The OCI layout holding the index (ref.name <see cref="Tag"/>) and each platform's image (ref.name &lt;tag&gt;-&lt;os&gt;-&lt;arch&gt;).</summary>
    public required string LayoutDirectory { get; init; }

    public required IReadOnlyList<PlatformImage> Images { get; init; }

    /// <summary>The one time every image and SBOM carries.</summary>
    public required DateTimeOffset Created { get; init; }

    public required TimeSpan Duration { get; init; }

    /// <summary>What pushing it needs (the same as <see cref="PublishableIndex.ReadAsync"/> reads back from the layout).</summary>
    public PublishableIndex ToPublishable() =>
        new(LayoutDirectory, IndexDigest, Images.Select(i => new PublishablePlatform(i.Platform, i.Manifest, i.Sbom)).ToList(), Created);
}

/// <summary>One platform's image: its binaries (verified for the platform's machine), the composed image and its SBOM.</summary>
public sealed record PlatformImage(OciPlatform Platform, OciDescriptor Manifest, DaemonlessImage Image, IReadOnlyList<CompiledBinary> Binaries, BuildProvenance Provenance, SbomFile? Sbom);
