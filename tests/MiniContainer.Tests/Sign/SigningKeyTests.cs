using System.Security.Cryptography;
using MiniContainer.Sign;

namespace MiniContainer.Tests.Sign;

/// <summary>Keys made by .NET here; the pipeline's tests read keys openssl made.</summary>
public sealed class SigningKeyTests : IDisposable
{
    private const string Password = "key-pw-Hq27-never-print-me";
    private readonly string _folder = Directory.CreateTempSubdirectory("mc-keys-").FullName;

    private string Write(string name, string pem)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, pem);
        return path;
    }

    private static readonly PbeParameters Aes = new(PbeEncryptionAlgorithm.Aes256Cbc, HashAlgorithmName.SHA256, 2048);

    [Fact]
    public void A_p256_key_signs_what_its_public_key_verifies_and_nothing_else()
    {
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var file = Write("key.pem", ecdsa.ExportPkcs8PrivateKeyPem());
        var publicFile = Write("key.pub", ecdsa.ExportSubjectPublicKeyInfoPem());
        var payload = "payload"u8.ToArray();

        using var key = ImageSigningKey.Load(file, null);
        var signature = key.Sign(payload);
        using var verification = SignatureVerificationKey.Load(publicFile);

        verification.Verifies(payload, signature).ShouldBeTrue();
        verification.Verifies("other"u8.ToArray(), signature).ShouldBeFalse();
        signature[0].ShouldBe((byte)0x30, "an ASN.1 DER SEQUENCE, as cosign writes it");
    }

    [Fact]
    public void An_encrypted_p256_key_loads_with_its_password()
    {
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var file = Write("enc.pem", ecdsa.ExportEncryptedPkcs8PrivateKeyPem(Password, Aes));

        using var key = ImageSigningKey.Load(file, Password);

        using var verification = key.VerificationKey;
        verification.Verifies("p"u8.ToArray(), key.Sign("p"u8.ToArray())).ShouldBeTrue();
    }

    [Fact]
    public void An_encrypted_key_without_a_password_says_it_needs_one()
    {
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var file = Write("enc.pem", ecdsa.ExportEncryptedPkcs8PrivateKeyPem(Password, Aes));

        var error = Should.Throw<SigningKeyException>(() => ImageSigningKey.Load(file, null));

        error.Message.ShouldBe("is an encrypted private key, and no password was given.");
        error.PasswordProblem.ShouldBeTrue();
    }

    [Fact]
    public void A_wrong_password_is_named_as_such_and_never_shown()
    {
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var file = Write("enc.pem", ecdsa.ExportEncryptedPkcs8PrivateKeyPem(Password, Aes));

        var error = Should.Throw<SigningKeyException>(() => ImageSigningKey.Load(file, "not-the-password"));

        error.Message.ShouldBe("could not be decrypted with the password given: the password is wrong, or the file is damaged.");
        error.PasswordProblem.ShouldBeTrue();
        error.ToString().ShouldNotContain("not-the-password");
    }

    [Fact]
    public void A_p384_key_is_refused_naming_its_curve_and_how_to_make_a_p256_one()
    {
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        var file = Write("p384.pem", ecdsa.ExportPkcs8PrivateKeyPem());

        var error = Should.Throw<SigningKeyException>(() => ImageSigningKey.Load(file, null));

        error.Message.ShouldStartWith("is an ECDSA key on P-384 (384 bits); cosign-format signatures here are ECDSA P-256");
        error.Message.ShouldContain("ec_paramgen_curve:P-256");
        error.PasswordProblem.ShouldBeFalse();
    }

    [Fact]
    public void An_rsa_key_is_refused_as_an_rsa_key_plain_or_encrypted()
    {
        using var rsa = RSA.Create(2048);
        var plain = Write("rsa.pem", rsa.ExportPkcs8PrivateKeyPem());
        var encrypted = Write("rsa-enc.pem", rsa.ExportEncryptedPkcs8PrivateKeyPem(Password, Aes));

        Should.Throw<SigningKeyException>(() => ImageSigningKey.Load(plain, null)).Message.ShouldStartWith("is an RSA key;");
        Should.Throw<SigningKeyException>(() => ImageSigningKey.Load(encrypted, Password)).Message.ShouldStartWith("is an RSA key;");
        Should.Throw<SigningKeyException>(() => SignatureVerificationKey.Load(Write("rsa.pub", rsa.ExportSubjectPublicKeyInfoPem()))).Message.ShouldStartWith("is an RSA key;");
    }

    [Fact]
    public void A_public_key_cannot_sign_and_a_private_key_is_not_taken_as_the_verification_key()
    {
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);

        Should.Throw<SigningKeyException>(() => ImageSigningKey.Load(Write("key.pub", ecdsa.ExportSubjectPublicKeyInfoPem()), null))
            .Message.ShouldStartWith("is a public key; signing needs the private key.");
        Should.Throw<SigningKeyException>(() => SignatureVerificationKey.Load(Write("key.pem", ecdsa.ExportPkcs8PrivateKeyPem())))
            .Message.ShouldStartWith("is a private key; checking a signature needs only the public key");
    }

    [Fact]
    public void A_file_without_pem_says_so()
    {
        Should.Throw<SigningKeyException>(() => ImageSigningKey.Load(Write("text", "hello"), null)).Message.ShouldStartWith("holds no PEM key (no -----BEGIN line)");
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
