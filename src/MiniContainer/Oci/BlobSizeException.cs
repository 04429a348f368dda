namespace MiniContainer.Oci;

/// <summary>A blob, document or layer is not the size it was declared as, or past the bound we set; it was refused while being read.</summary>
public sealed class BlobSizeException(string origin, string problem)
    : MiniContainerException($"The blob from {origin} {problem}: it was refused. The source is corrupt or hostile; fetch it again or check where it comes from.")
{
    public static BlobSizeException Longer(string origin, OciDigest digest, long declared) =>
        new(origin, $"({digest}) is longer than the {declared:N0} bytes its descriptor declares");

    public static BlobSizeException Shorter(string origin, OciDigest digest, long declared, long actual) =>
        new(origin, $"({digest}) has {actual:N0} bytes, not the {declared:N0} its descriptor declares");
}
