using MiniContainer.Oci;

namespace MiniContainer.Sbom;

/// <summary>An SBOM written to disk: where, its digest and size (the blob a registry gets), and the provenance it records.</summary>
public sealed record SbomFile(string Path, OciDigest Digest, long Size, BuildProvenance Provenance)
{
    public OciDescriptor Descriptor => new(SpdxDocumentWriter.MediaType, Digest, Size);
}
