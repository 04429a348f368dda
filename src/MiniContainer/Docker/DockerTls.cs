using System.Net.Security;
using Docker.DotNet.X509;
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

    /// <summary>Docker.DotNet's TLS: the client certificate when there is one, and the engine checked against ca.pem when asked.</summary>
    /// <exception cref="MiniContainerException">DOCKER_TLS_VERIFY is set and there is no ca.pem.</exception>
    internal CertificateCredentials CreateCredentials()
    {
        var certificate = File.Exists(CertificateFile) ? X509Certificate2.CreateFromPemFile(CertificateFile, File.Exists(KeyFile) ? KeyFile : null) : null;
        // DOCKER_TLS without DOCKER_TLS_VERIFY: the docker CLI's "encrypt, don't check", which the user chose.
        if (!VerifyServer) return new CertificateCredentials(certificate) { ServerCertificateValidationCallback = (_, _, _, _) => true };
        if (!File.Exists(CaFile))
            throw new MiniContainerException(
                $"DOCKER_TLS_VERIFY is set, but there is no {CaFile} to check the engine's certificate against. " +
                "Set DOCKER_CERT_PATH to the folder with the engine's ca.pem and your cert.pem and key.pem.");
        var authorities = LoadPemCertificates(CaFile);
        return new CertificateCredentials(certificate)
        {
            ServerCertificateValidationCallback = (_, presented, _, errors) =>
            {
                // The chain is ours to judge (ca.pem, not the system's roots); the name is the endpoint's, as the docker CLI checks it.
                if (presented is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch)) return false;
                using var chain = new X509Chain();
                chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                chain.ChainPolicy.CustomTrustStore.AddRange(authorities);
                return chain.Build(presented as X509Certificate2 ?? new X509Certificate2(presented));
            },
        };
    }

    private static X509Certificate2Collection LoadPemCertificates(string path)
    {
        var certificates = new X509Certificate2Collection();
        certificates.ImportFromPemFile(path);
        return certificates;
    }
}
