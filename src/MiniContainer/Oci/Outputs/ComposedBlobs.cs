namespace MiniContainer.Oci.Outputs;

/// <summary>An image's blobs, all in the store: its manifest, config and layers.</summary>
public sealed record ComposedBlobs(OciDescriptor Manifest, OciDescriptor Config, IReadOnlyList<OciDescriptor> Layers)
{
    public IEnumerable<OciDescriptor> All => Layers.Append(Config).Append(Manifest);
}
