namespace MiniContainer.Publish;

/// <summary>A pushed image: the tag it was pushed as, the manifest digest, and the file the digest was saved to.</summary>
public sealed record PublishedImage(string Reference, string Digest, string DigestFile)
{
    /// <summary>registry/repository@digest: the immutable name to deploy.</summary>
    public string PinnedReference => $"{Reference[..Reference.LastIndexOf(':')]}@{Digest}";
}
