namespace MiniContainer.IntegrationTests.Fixtures;

/// <summary>
/// Keys made by openssl as a user makes them: the signing key (P-256, PKCS#8 encrypted with <see cref="Password"/>) and its
/// public key, a second P-256 key pair (another signer), and keys signing must refuse (P-384, RSA).
/// </summary>
public sealed class TestSigningKeys : IDisposable
{
    /// <summary>Distinctive, so a test can prove it never appears in a log, an artifact or a layer.</summary>
    public const string Password = "sign-pw-Kx93-never-print-me";

    public const string PasswordVariable = "MINICONTAINER_SIGN_KEY_PASSWORD";

    private readonly string _folder = TestBed.TempDirectory("sign-keys");

    public TestSigningKeys()
    {
        Key = Make("key.pem", ["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-aes-256-cbc", "-pass", "env:MC_TEST_KEY_PASSWORD"]);
        PublicKey = Make("key.pub", ["pkey", "-in", Key, "-passin", "env:MC_TEST_KEY_PASSWORD", "-pubout"]);
        OtherKey = Make("other.pem", ["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256"]);
        OtherPublicKey = Make("other.pub", ["pkey", "-in", OtherKey, "-pubout"]);
        P384Key = Make("p384.pem", ["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-384"]);
        RsaKey = Make("rsa.pem", ["genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048"]);
        RsaPublicKey = Make("rsa.pub", ["pkey", "-in", RsaKey, "-pubout"]);
        File.ReadAllText(Key).ShouldStartWith("-----BEGIN ENCRYPTED PRIVATE KEY-----");
    }

    /// <summary>The signing key: P-256, PKCS#8, encrypted.</summary>
    public string Key { get; }

    public string PublicKey { get; }

    /// <summary>Another signer's P-256 key (plain PKCS#8) and its public key.</summary>
    public string OtherKey { get; }

    public string OtherPublicKey { get; }

    public string P384Key { get; }

    public string RsaKey { get; }

    public string RsaPublicKey { get; }

    /// <summary>The environment a run gets the password from, over this process's own.</summary>
    public static Func<string, string?> EnvironmentWithPassword(string? password = Password) =>
        name => name == PasswordVariable ? password : Environment.GetEnvironmentVariable(name);

    private string Make(string name, string[] arguments)
    {
        var path = Path.Combine(_folder, name);
        var result = ProcessRunner.Run("openssl", [.. arguments, "-out", path], environment: new Dictionary<string, string> { ["MC_TEST_KEY_PASSWORD"] = Password });
        result.ExitCode.ShouldBe(0, result.Output);
        return path;
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
