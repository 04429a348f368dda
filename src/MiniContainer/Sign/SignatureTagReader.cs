using MiniContainer.Oci;
using MiniContainer.Oci.Json;
using MiniContainer.Registry;

namespace MiniContainer.Sign;

/// <summary>One signature found under an image's <c>.sig</c> tag: its layer, the payload blob (digest checked) and the decoded signature (null when the annotation is missing or not base64).</summary>
internal sealed record FoundSignature(OciDescriptor Layer, byte[] Payload, byte[]? Signature);

/// <summary>What an image's <c>.sig</c> tag holds: the manifest (and its digest) and the signatures in it.</summary>
internal sealed record StoredSignatures(OciDigest Digest, ImageManifest Manifest, IReadOnlyList<FoundSignature> Signatures);

/// <summary>Reads the signatures stored beside an image: the <c>sha256-&lt;hex&gt;.sig</c> manifest and each simple-signing layer's payload.</summary>
internal static class SignatureTagReader
{
    /// <summary>A payload is a few hundred bytes; a larger blob is not one of ours and is not read whole.</summary>
    private const int MaxPayloadBytes = 64 * 1024;

    /// <summary>The signature manifest and its signatures; null when the tag does not exist.</summary>
    /// <exception cref="RegistryRequestException">The registry failed a request other than the tag's NotFound.</exception>
    /// <exception cref="FormatException">The tag holds no image manifest.</exception>
    public static async Task<StoredSignatures?> ReadAsync(IRegistryApi api, string repository, OciDigest image, CancellationToken cancellationToken)
    {
        RegistryManifest stored;
        try
        {
            stored = await api.GetManifestAsync(repository, SignatureManifest.TagFor(image), cancellationToken).ConfigureAwait(false);
        }
        catch (RegistryRequestException e) when (e.Failure == RegistryFailure.NotFound)
        {
            return null;
        }
        var manifest = ImageManifestJson.Read(stored.Content, stored.MediaType);
        var signatures = new List<FoundSignature>();
        foreach (var layer in manifest.Layers.Where(l => l.MediaType == SimpleSigningPayload.MediaType && l.Size <= MaxPayloadBytes))
        {
            var payload = await ReadBlobAsync(api, repository, layer, cancellationToken).ConfigureAwait(false);
            if (payload is null) continue;
            byte[]? signature = null;
            if (layer.Annotations.TryGetValue(SignatureManifest.SignatureAnnotation, out var base64))
            {
                try
                {
                    signature = Convert.FromBase64String(base64);
                }
                catch (FormatException)
                {
                    // Not base64: a signature that cannot verify.
                }
            }
            signatures.Add(new FoundSignature(layer, payload, signature));
        }
        return new StoredSignatures(stored.Digest, manifest, signatures);
    }

    /// <summary>The blob's bytes, or null when they do not match its digest.</summary>
    private static async Task<byte[]?> ReadBlobAsync(IRegistryApi api, string repository, OciDescriptor layer, CancellationToken cancellationToken)
    {
        await using var stream = await api.OpenBlobAsync(repository, layer.Digest, cancellationToken).ConfigureAwait(false);
        var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > MaxPayloadBytes) return null;
        }
        var bytes = buffer.ToArray();
        return OciDigest.Of(bytes) == layer.Digest ? bytes : null;
    }
}
