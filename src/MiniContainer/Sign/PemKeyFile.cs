using System.Security.Cryptography;

namespace MiniContainer.Sign;

/// <summary>
/// Reads ECDSA P-256 keys from PEM files with .NET's own cryptography: a PKCS#8 private key, plain or encrypted
/// (<c>ENCRYPTED PRIVATE KEY</c>), or a public key (<c>PUBLIC KEY</c>). Every other key ends in a
/// <see cref="SigningKeyException"/> that says what the file holds and how to make a P-256 key.
/// </summary>
internal static class PemKeyFile
{
    private const string P256Oid = "1.2.840.10045.3.1.7";

    public const string HowToMakeOne = "make one with `openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out key.pem` " +
                                       "(encrypted: add `-aes-256-cbc`; its public key: `openssl pkey -in key.pem -pubout -out key.pub`)";

    public static ECDsa LoadPrivate(string path, string? password)
    {
        var (pem, label) = Read(path);
        var key = ECDsa.Create();
        try
        {
            switch (label)
            {
                case "ENCRYPTED PRIVATE KEY" when password is null:
                    throw new SigningKeyException("is an encrypted private key, and no password was given.", passwordProblem: true);
                case "ENCRYPTED PRIVATE KEY":
                    try
                    {
                        key.ImportFromEncryptedPem(pem, password);
                    }
                    catch (CryptographicException e)
                    {
                        if (IsRsa(rsa => rsa.ImportFromEncryptedPem(pem, password))) throw NotEcdsa("an RSA key");
                        throw new SigningKeyException("could not be decrypted with the password given: the password is wrong, or the file is damaged.", passwordProblem: true, e);
                    }
                    break;
                case "PRIVATE KEY" or "EC PRIVATE KEY":
                    try
                    {
                        key.ImportFromPem(pem);
                    }
                    catch (CryptographicException e)
                    {
                        if (IsRsa(rsa => rsa.ImportFromPem(pem))) throw NotEcdsa("an RSA key");
                        throw new SigningKeyException($"holds a {label} that is not an ECDSA key .NET can read ({e.Message}); {HowToMakeOne}.", inner: e);
                    }
                    break;
                case "PUBLIC KEY":
                    throw new SigningKeyException($"is a public key; signing needs the private key. {Capitalised(HowToMakeOne)}.");
                case "ENCRYPTED SIGSTORE PRIVATE KEY" or "ENCRYPTED COSIGN PRIVATE KEY":
                    throw new SigningKeyException($"is in cosign's own encrypted format, which is not read here; give a PKCS#8 PEM key: {HowToMakeOne}.");
                default:
                    throw new SigningKeyException($"holds a PEM {label}, not a PKCS#8 private key; {HowToMakeOne}.");
            }
            CheckP256(key);
            return key;
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }

    public static ECDsa LoadPublic(string path)
    {
        var (pem, label) = Read(path);
        if (label is "PRIVATE KEY" or "ENCRYPTED PRIVATE KEY" or "EC PRIVATE KEY")
            throw new SigningKeyException("is a private key; checking a signature needs only the public key, which is safe to share: `openssl pkey -in key.pem -pubout -out key.pub`.");
        if (label != "PUBLIC KEY")
            throw new SigningKeyException($"holds a PEM {label}, not a PUBLIC KEY; give the public key of the signing key (`openssl pkey -in key.pem -pubout -out key.pub`).");
        var key = ECDsa.Create();
        try
        {
            try
            {
                key.ImportFromPem(pem);
            }
            catch (CryptographicException e)
            {
                if (IsRsa(rsa => rsa.ImportFromPem(pem))) throw NotEcdsa("an RSA key");
                throw new SigningKeyException($"holds a PUBLIC KEY that is not an ECDSA key .NET can read ({e.Message}).", inner: e);
            }
            CheckP256(key);
            return key;
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }

    private static (string Pem, string Label) Read(string path)
    {
        string pem;
        try
        {
            pem = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SigningKeyException($"cannot be read ({e.Message}).", inner: e);
        }
        const string begin = "-----BEGIN ";
        var start = pem.IndexOf(begin, StringComparison.Ordinal);
        var end = start < 0 ? -1 : pem.IndexOf("-----", start + begin.Length, StringComparison.Ordinal);
        if (end < 0) throw new SigningKeyException($"holds no PEM key (no -----BEGIN line); {HowToMakeOne}.");
        return (pem, pem[(start + begin.Length)..end]);
    }

    private static void CheckP256(ECDsa key)
    {
        var curve = key.ExportParameters(includePrivateParameters: false).Curve;
        if (curve.IsNamed && (curve.Oid.Value == P256Oid || curve.Oid.FriendlyName is "nistP256" or "ECDSA_P256")) return;
        throw NotEcdsa($"an ECDSA key on {(curve.IsNamed ? CurveName(curve.Oid) : "an explicit curve")} ({key.KeySize} bits)");
    }

    /// <summary>A curve as openssl's users name it (.NET's friendly names differ between platforms).</summary>
    private static string CurveName(System.Security.Cryptography.Oid oid) => oid.Value switch
    {
        "1.3.132.0.34" => "P-384",
        "1.3.132.0.35" => "P-521",
        "1.3.132.0.10" => "secp256k1",
        _ => oid.FriendlyName ?? oid.Value ?? "an unnamed curve",
    };

    private static SigningKeyException NotEcdsa(string what) =>
        new($"is {what}; cosign-format signatures here are ECDSA P-256 (what skopeo's sigstoreSigned policy and cosign check): {HowToMakeOne}.");

    private static bool IsRsa(Action<RSA> import)
    {
        using var rsa = RSA.Create();
        try
        {
            import(rsa);
            return true;
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    private static string Capitalised(string text) => char.ToUpperInvariant(text[0]) + text[1..];
}
