using System.Security.Cryptography;

namespace MiniContainer.Sign;

/// <summary>An ECDSA P-256 public key (PEM <c>PUBLIC KEY</c>) that checks cosign-format signatures.</summary>
public sealed class SignatureVerificationKey : IDisposable
{
    private readonly ECDsa _key;

    private SignatureVerificationKey(ECDsa key, string file)
    {
        _key = key;
        File = file;
    }

    /// <summary>The PEM file it came from, for messages.</summary>
    public string File { get; }

    /// <exception cref="SigningKeyException">Not an ECDSA P-256 public key.</exception>
    public static SignatureVerificationKey Load(string pemFile) => new(PemKeyFile.LoadPublic(pemFile), pemFile);

    internal static SignatureVerificationKey FromPublic(byte[] subjectPublicKeyInfo, string file)
    {
        var key = ECDsa.Create();
        key.ImportSubjectPublicKeyInfo(subjectPublicKeyInfo, out _);
        return new SignatureVerificationKey(key, file);
    }

    /// <summary>Whether <paramref name="signature"/> (ASN.1 DER) is this key's ECDSA-SHA256 signature of <paramref name="payload"/>.</summary>
    public bool Verifies(byte[] payload, byte[] signature)
    {
        try
        {
            return _key.VerifyData(payload, signature, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    public void Dispose() => _key.Dispose();
}
