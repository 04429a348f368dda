using System.Security.Cryptography;

namespace MiniContainer.Sign;

/// <summary>
/// An ECDSA P-256 private key that signs simple-signing payloads as cosign does: SHA-256, the signature in ASN.1 DER.
/// Loaded once before anything is pushed, so a bad key or password fails before an unsigned image reaches the registry.
/// </summary>
public sealed class ImageSigningKey : IDisposable
{
    private readonly ECDsa _key;

    private ImageSigningKey(ECDsa key, string file)
    {
        _key = key;
        File = file;
    }

    /// <summary>The PEM file it came from, for messages (the key itself is never shown).</summary>
    public string File { get; }

    /// <param name="password">The password of an encrypted key; null for a plain one.</param>
    /// <exception cref="SigningKeyException">Not an ECDSA P-256 PKCS#8 key, encrypted without a password, or a wrong password.</exception>
    public static ImageSigningKey Load(string pemFile, string? password) => new(PemKeyFile.LoadPrivate(pemFile, password), pemFile);

    /// <summary>The signature of <paramref name="payload"/>: ECDSA over its SHA-256, ASN.1 DER (what the cosign annotation carries, base64).</summary>
    public byte[] Sign(byte[] payload) => _key.SignData(payload, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);

    /// <summary>The public half, to check signatures made with this key (and to recognise our own earlier signatures).</summary>
    public SignatureVerificationKey VerificationKey => SignatureVerificationKey.FromPublic(_key.ExportSubjectPublicKeyInfo(), File);

    public void Dispose() => _key.Dispose();
}
