using Cake.Core.IO;

// The aliases' results, in this namespace rather than the core's: Cake writes alias proxies into the
// script with namespace-qualified type names, and the recipe's `MiniContainer` class would hide the
// core's `MiniContainer.*` namespaces there.
namespace Cake.MiniContainer;

/// <summary>What GoRestore did: downloaded, or skipped because the module vendors its dependencies.</summary>
public sealed record GoRestoreOutcome(bool Skipped, TimeSpan Duration);

/// <summary>A binary GoCompile wrote.</summary>
public sealed record GoBinary(string Name, FilePath Path, string ImportPath, long SizeBytes);

/// <summary>A binary that passed VerifyBinary: how it links, for which machine, which Go built it, and any warnings.</summary>
public sealed record VerifiedBinary(FilePath Path, bool IsStatic, string Linkage, string Machine, string? GoVersion, IReadOnlyList<string> Warnings, FilePath ReportFile);

/// <summary>The CA bundle CaCertificates staged (no file when the image trusts no CA).</summary>
public sealed record StagedCertificates(FilePath? File, int CertificateCount, long SizeBytes);

/// <summary>An image ComposeImage built.</summary>
public sealed record BuiltImage(string Id, IReadOnlyList<string> Tags, long SizeBytes, string Dockerfile)
{
    public string Reference => Tags.Count > 0 ? Tags[0] : Id;
}

/// <summary>A smoke test that passed: what was checked, how long it took, and what the container printed.</summary>
public sealed record SmokeTestPassed(string Image, string Checked, TimeSpan Duration, string Output);

/// <summary>A pushed image: the tag it was pushed as, its digest, and reference@digest to deploy.</summary>
public sealed record PushedImage(string Reference, string Digest, string PinnedReference, FilePath DigestFile);

/// <summary>An image ComposeOciImage wrote without an engine: its manifest digest (what a registry will report), its image ID, and where it is.</summary>
public sealed record OciImage(IReadOnlyList<string> Tags, string ManifestDigest, string ConfigDigest, DirectoryPath LayoutDirectory, FilePath? ArchiveFile, long CompressedSize)
{
    public string Reference => Tags[0];
}

/// <summary>An SBOM WriteSbom wrote: the SPDX 2.3 JSON file and its digest.</summary>
public sealed record WrittenSbom(FilePath Path, string Digest, long SizeBytes);

/// <summary>An SBOM pushed as an artifact whose subject is the image; listed under <see cref="ReferrersTag"/> where the registry has no referrers API.</summary>
public sealed record AttachedSbomArtifact(string ArtifactDigest, string ImageDigest, string? ReferrersTag);

/// <summary>A multi-platform image BuildImageIndex wrote: the OCI index in <see cref="LayoutDirectory"/> over one image per platform, and their SBOMs.</summary>
public sealed record BuiltImageIndex(string Reference, string IndexDigest, DirectoryPath LayoutDirectory, IReadOnlyList<string> Platforms, IReadOnlyList<FilePath> Sboms, IReadOnlyList<FilePath> DockerArchives)
{
    /// <summary>The core's record, which PublishImageIndex pushes.</summary>
    internal global::MiniContainer.Compose.MultiPlatform.MultiPlatformImage? Image { get; init; }
}

/// <summary>What <c>SignImage</c> left in the registry: the signed digest, the repository the signature names, and the sha256-&lt;hex&gt;.sig tag that holds it.</summary>
public sealed record ImageSignature(string ImageDigest, string Identity, string Tag, string SignatureManifestDigest, bool AlreadySigned);

/// <summary>What <c>VerifyImageSignature</c> checked: the image (deploy it by <see cref="PinnedReference"/>) and the signature that holds for the key.</summary>
public sealed record VerifiedImageSignature(string ImageDigest, string Identity, string Tag, string SignatureManifestDigest)
{
    public string PinnedReference => $"{Identity}@{ImageDigest}";
}
