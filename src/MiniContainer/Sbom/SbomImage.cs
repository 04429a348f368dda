using MiniContainer.Elf;
using MiniContainer.Oci;

namespace MiniContainer.Sbom;

/// <summary>What an image's SBOM is made from: the image, its binaries' Go build info, its base and its provenance.</summary>
public sealed record SbomImage
{
    /// <summary>The image's repository as pushed or tagged, e.g. "hello" or "registry.example.com/team/hello".</summary>
    public required string Repository { get; init; }

    public string? Tag { get; init; }

    /// <summary>The image manifest the SBOM describes (and, pushed, refers to); null before the image is composed.</summary>
    public OciDigest? ManifestDigest { get; init; }

    public required OciPlatform Platform { get; init; }

    public required IReadOnlyList<SbomBinary> Binaries { get; init; }

    /// <summary>The base image; null for scratch.</summary>
    public SbomBaseImage? Base { get; init; }

    public required BuildProvenance Provenance { get; init; }

    /// <summary>The document's time: the image's (SOURCE_DATE_EPOCH, else the commit time), never the clock.</summary>
    public required DateTimeOffset Created { get; init; }
}

/// <param name="ImagePath">Where the binary sits in the image, e.g. /app/hello.</param>
/// <param name="Sha256">The binary's SHA-256, lower-case hex.</param>
/// <param name="BuildInfo">The Go build info read from the binary; null when it has none.</param>
public sealed record SbomBinary(string ImagePath, string Sha256, GoBuildInfo? BuildInfo);

/// <param name="Reference">The base as named (e.g. alpine:3.20); null for a base read from disk without a registry name.</param>
/// <param name="Digest">The base's manifest digest, when known.</param>
public sealed record SbomBaseImage(string? Reference, OciDigest? Digest);
