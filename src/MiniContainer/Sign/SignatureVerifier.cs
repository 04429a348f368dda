using MiniContainer.Oci;
using MiniContainer.Registry;

namespace MiniContainer.Sign;

/// <summary>A pushed image whose signature holds: the repository it was signed for and the signature manifest that carries it.</summary>
public sealed record VerifiedSignature(OciDigest Image, string Identity, string Tag, OciDigest SignatureManifest);

/// <summary>
/// Checks an image in a registry against a public key, as a release pipeline does before it deploys (and as skopeo's
/// <c>sigstoreSigned</c> policy with <c>matchRepository</c> does): one signature under its <c>.sig</c> tag must verify with
/// the key over its payload, and that payload must name this manifest digest and this repository.
/// </summary>
internal static class SignatureVerifier
{
    /// <exception cref="ImageSignatureException">No signature, or none that holds; the message says what each one lacked.</exception>
    public static async Task<VerifiedSignature> VerifyAsync(IRegistryApi api, string repository, string identity, OciDigest image, SignatureVerificationKey key, CancellationToken cancellationToken)
    {
        var tag = SignatureManifest.TagFor(image);
        StoredSignatures? stored;
        try
        {
            stored = await SignatureTagReader.ReadAsync(api, repository, image, cancellationToken).ConfigureAwait(false);
        }
        catch (FormatException e)
        {
            throw new ImageSignatureException($"{identity}@{image} is not signed: its tag {tag} holds no signature manifest ({e.Message}). Do not deploy it; sign it with PublishImage --sign-key.", e);
        }
        if (stored is null || stored.Signatures.Count == 0)
            throw new ImageSignatureException($"{identity}@{image} is not signed: the registry has no {tag} tag with a signature beside it. Do not deploy it; publish it with --sign-key.");

        var reasons = new List<string>();
        foreach (var found in stored.Signatures)
        {
            if (found.Signature is null)
            {
                reasons.Add($"{found.Layer.Digest}: no {SignatureManifest.SignatureAnnotation} annotation with a base64 signature");
                continue;
            }
            if (!key.Verifies(found.Payload, found.Signature))
            {
                reasons.Add($"{found.Layer.Digest}: not signed by the key in {key.File}");
                continue;
            }
            (string Reference, OciDigest Manifest) named;
            try
            {
                named = SimpleSigningPayload.Read(found.Payload);
            }
            catch (FormatException e)
            {
                reasons.Add($"{found.Layer.Digest}: {e.Message}");
                continue;
            }
            if (named.Manifest != image)
                reasons.Add($"{found.Layer.Digest}: signs {named.Manifest}, another image");
            else if (!SignatureManifest.SameRepository(named.Reference, identity))
                reasons.Add($"{found.Layer.Digest}: signs the image for {named.Reference}, another repository");
            else
                return new VerifiedSignature(image, identity, tag, stored.Digest);
        }
        throw new ImageSignatureException($"{identity}@{image} has no signature that holds for the key in {key.File} " +
                                          $"({stored.Signatures.Count} under {tag}: {string.Join("; ", reasons)}). Do not deploy it; check that the image is the one published and the key is its signer's.");
    }
}
