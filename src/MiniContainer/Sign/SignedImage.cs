using MiniContainer.Oci;

namespace MiniContainer.Sign;

/// <summary>An image with its signature in the registry.</summary>
/// <param name="Image">The signed manifest (image or index).</param>
/// <param name="Identity">The repository the payload names.</param>
/// <param name="Tag">The tag that holds the signature, sha256-&lt;hex&gt;.sig.</param>
/// <param name="SignatureManifest">The digest of the signature manifest under that tag.</param>
/// <param name="AlreadySigned">The tag already held a signature of this image by this key, so nothing was pushed.</param>
public sealed record SignedImage(OciDigest Image, string Identity, string Tag, OciDigest SignatureManifest, bool AlreadySigned);
