using MiniContainer.Oci;
using MiniContainer.Registry;
using MiniContainer.Sbom.Attach;

namespace MiniContainer.Publish;

/// <summary>A pushed multi-platform image: the index (as <see cref="PublishedImage"/>), each platform's manifest, and the SBOMs attached to them.</summary>
public sealed record PushedIndex(PublishedImage Published, IReadOnlyList<string> Tags, IReadOnlyList<(OciPlatform Platform, OciDigest Manifest)> Platforms, IReadOnlyList<AttachedSbom> Sboms, PushCounts Counts)
{
    public string Digest => Published.Digest;
}
