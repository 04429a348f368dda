using MiniContainer.Oci;

namespace MiniContainer.Registry;

/// <summary>A manifest or index as a registry served it: bytes, media type, and the digest of the bytes.</summary>
public sealed record RegistryManifest(byte[] Content, string MediaType, OciDigest Digest);
