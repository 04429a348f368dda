using MiniContainer.Oci;

namespace MiniContainer.Sbom.Attach;

/// <summary>An SBOM pushed as an artifact that refers to its image.</summary>
/// <param name="ArtifactDigest">The artifact manifest's digest.</param>
/// <param name="Subject">The image manifest it refers to.</param>
/// <param name="ReferrersTag">The fallback tag that lists it (sha256-&lt;hex&gt;), or null where the registry's referrers API lists it.</param>
public sealed record AttachedSbom(OciDigest ArtifactDigest, OciDigest Subject, string? ReferrersTag);
