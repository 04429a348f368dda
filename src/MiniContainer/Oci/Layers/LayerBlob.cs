namespace MiniContainer.Oci.Layers;

/// <summary>A gzip layer as written: blob digest and size (compressed) and diffID (the tar's own digest).</summary>
public sealed record LayerBlob(OciDigest Digest, long Size, OciDigest DiffId)
{
    public OciDescriptor Descriptor => new(OciMediaTypes.GzipLayer, Digest, Size);
}
