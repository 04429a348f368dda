using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace MiniContainer.Docker;

/// <summary>
/// TLS to an engine on a TCP endpoint, set as for the docker CLI: DOCKER_TLS_VERIFY (TLS, and the
/// engine's certificate must chain to ca.pem) or DOCKER_TLS (TLS without that check); the client
/// certificate cert.pem with key.pem, all in DOCKER_CERT_PATH (default ~/.docker).
/// </summary>
public sealed record DockerTls(string CertificateDirectory, bool VerifyServer)
{
    /// <summary>The docker CLI's names for the files in <see cref="CertificateDirectory"/>.</summary>
    public const string CaFileName = "ca.pem", CertificateFileName = "cert.pem", KeyFileName = "key.pem";

    public string CaFile => Path.Combine(CertificateDirectory, CaFileName);
    public string CertificateFile => Path.Combine(CertificateDirectory, CertificateFileName);
    public string KeyFile => Path.Combine(CertificateDirectory, KeyFileName);

    /// <summary>The TLS the environment asks for; null when it asks for none.</summary>
    public static DockerTls? FromEnvironment() =>
        FromEnvironment(Environment.GetEnvironmentVariable, Environment.GetFolderPath(Environment.SpecialFolder.UserProfile));

    internal static DockerTls? FromEnvironment(Func<string, string?> environment, string home)
    {
        var verify = environment("DOCKER_TLS_VERIFY") is { Length: > 0 };
        if (!verify && environment("DOCKER_TLS") is not { Length: > 0 }) return null;
        var directory = environment("DOCKER_CERT_PATH") is { Length: > 0 } path ? path : Path.Combine(home, ".docker");
        return new DockerTls(directory, verify);
    }

    /// <summary>The client side of the TLS handshake with the engine at <paramref name="host"/>.</summary>
    /// <exception cref="MiniContainerException">A certificate file is missing.</exception>
    internal SslClientAuthenticationOptions ClientOptions(string host)
    {
        var options = new SslClientAuthenticationOptions { TargetHost = host };
        if (File.Exists(CertificateFile))
            options.ClientCertificates = [X509Certificate2.CreateFromPemFile(CertificateFile, File.Exists(KeyFile) ? KeyFile : null)];
        if (!VerifyServer)
        {
            options.RemoteCertificateValidationCallback = (_, _, _, _) => true;
            return options;
        }
        if (!File.Exists(CaFile))
            throw new MiniContainerException(
                $"DOCKER_TLS_VERIFY is set, but there is no {CaFile} to check the engine's certificate against. " +
                "Set DOCKER_CERT_PATH to the folder with the engine's ca.pem and your cert.pem and key.pem.");
        var policy = new X509ChainPolicy { TrustMode = X509ChainTrustMode.CustomRootTrust, RevocationMode = X509RevocationMode.NoCheck };
        policy.CustomTrustStore.AddRange(LoadPemCertificates(CaFile));
        options.CertificateChainPolicy = policy;
        return options;
    }

    private static X509Certificate2Collection LoadPemCertificates(string path)
    {
        var certificates = new X509Certificate2Collection();
        certificates.ImportFromPemFile(path);
        return certificates;
    }
}
