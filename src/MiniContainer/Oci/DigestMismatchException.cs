namespace MiniContainer.Oci;

/// <summary>Downloaded or read bytes do not hash to the digest they were named by; they are refused.</summary>
public sealed class DigestMismatchException(string origin, OciDigest expected, OciDigest actual)
    : MiniContainerException($"The blob from {origin} should have the digest {expected} but its content hashes to {actual}: it was refused. " +
                             "The source is corrupt or was changed while being read; fetch it again or check where it comes from.")
{
    public OciDigest Expected { get; } = expected;

    public OciDigest Actual { get; } = actual;
}
