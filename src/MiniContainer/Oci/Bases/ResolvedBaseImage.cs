using MiniContainer.Oci.Json;

namespace MiniContainer.Oci.Bases;

/// <summary>
/// A base image ready to build on: its config (null for scratch) and its layers, every blob in the
/// blob store. A registry base also names where it came from, so a push can mount its layers.
/// </summary>
public sealed record ResolvedBaseImage(string Name, ImageConfig? Config, IReadOnlyList<OciDescriptor> Layers)
{
    public static ResolvedBaseImage Scratch { get; } = new("scratch", null, []);

    /// <summary>registry host and repository path of a registry base; null for other bases.</summary>
    public (string Registry, string Repository)? Origin { get; init; }

    /// <summary>The manifest digest of the base, recorded as org.opencontainers.image.base.digest.</summary>
    public OciDigest? ManifestDigest { get; init; }
}
