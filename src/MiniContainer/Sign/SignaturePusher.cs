using Microsoft.Extensions.Logging;
using MiniContainer.Oci;
using MiniContainer.Registry;

namespace MiniContainer.Sign;

/// <summary>
/// Signs an image already in the registry and pushes the signature under its <c>sha256-&lt;hex&gt;.sig</c> tag, as cosign does:
/// signatures another key made stay, one of ours for the same payload makes the push a no-op (ECDSA signatures differ
/// each time, so signing again would only grow the tag).
/// </summary>
internal sealed class SignaturePusher(IRegistryApi api, BlobStore store, ILogger logger)
{
    public async Task<SignedImage> SignAsync(string repository, string identity, OciDigest image, ImageSigningKey key, CancellationToken cancellationToken)
    {
        var payload = SimpleSigningPayload.Write(identity, image);
        var tag = SignatureManifest.TagFor(image);
        IReadOnlyList<OciDescriptor> kept = [];
        StoredSignatures? existing;
        try
        {
            existing = await SignatureTagReader.ReadAsync(api, repository, image, cancellationToken).ConfigureAwait(false);
        }
        catch (FormatException e)
        {
            throw new ImageSignatureException($"The tag {repository}:{tag} holds something other than a signature manifest ({e.Message}): delete that tag, then publish again.", e);
        }
        if (existing is { } stored)
        {
            using var ours = key.VerificationKey;
            if (stored.Signatures.FirstOrDefault(s => s.Payload.AsSpan().SequenceEqual(payload) && s.Signature is { } signature && ours.Verifies(s.Payload, signature)) is not null)
            {
                logger.LogInformation("Sign: {Image} in {Repository} is already signed by {Key} (tag {Tag})", image, identity, key.File, tag);
                return new SignedImage(image, identity, tag, stored.Digest, AlreadySigned: true);
            }
            kept = stored.Manifest.Layers;
        }

        var layer = SignatureManifest.Layer(payload, key.Sign(payload));
        var (manifest, bytes, config) = SignatureManifest.Write([.. kept, layer]);
        store.AddBytes(payload);
        store.AddBytes(config);
        var (pushed, _) = await new ImagePusher(api, logger).PushAsync(repository, manifest, bytes, store.PathOf, [tag], null, cancellationToken).ConfigureAwait(false);
        logger.LogInformation("Sign: {Image} in {Repository} signed with {Key}, pushed as tag {Tag} ({Count} signature(s) there)", image, identity, key.File, tag, manifest.Layers.Count);
        return new SignedImage(image, identity, tag, pushed, AlreadySigned: false);
    }
}
