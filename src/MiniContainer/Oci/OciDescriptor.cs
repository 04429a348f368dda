using System.Collections.Immutable;

namespace MiniContainer.Oci;

/// <summary>A reference to a blob: media type, digest and size (plus a platform, in an index).</summary>
public sealed record OciDescriptor(string MediaType, OciDigest Digest, long Size)
{
    public OciPlatform? Platform { get; init; }

    /// <summary>One shared empty map, so descriptors without annotations compare equal as records.</summary>
    public static readonly ImmutableSortedDictionary<string, string> NoAnnotations = ImmutableSortedDictionary<string, string>.Empty.WithComparers(StringComparer.Ordinal);

    public ImmutableSortedDictionary<string, string> Annotations { get; init; } = NoAnnotations;
}
