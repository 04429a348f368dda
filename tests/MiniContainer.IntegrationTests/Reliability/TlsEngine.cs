using MiniContainer.Docker;
using MiniContainer.IntegrationTests.Fixtures;

namespace MiniContainer.IntegrationTests.Reliability;

/// <summary>
/// A second dockerd whose TCP listener on 127.0.0.1 takes only TLS with a client certificate
/// (--tlsverify), as a remote CI engine does: a CA, the engine's certificate for 127.0.0.1 and a
/// client certificate are made with openssl for this run. No test-bed images: the tests load their own.
/// </summary>
public class TlsEngine : SecondEngine
{
    private string Certificates => Path.Combine(Root, "tls");

    /// <summary>ca.pem, cert.pem and key.pem as a client keeps them (DOCKER_CERT_PATH).</summary>
    public string ClientCertificates => Path.Combine(Certificates, "client");

    /// <summary>A CA that did not sign the engine's certificate, with a client certificate of its own.</summary>
    public string ForeignCertificates => Path.Combine(Certificates, "foreign");

    protected override bool HoldsTestImages => false;

    protected override IEnumerable<string> ExtraArguments =>
    [
        "--tlsverify", "--tlscacert", Path.Combine(Certificates, "ca.pem"),
        "--tlscert", Path.Combine(Certificates, "server-cert.pem"), "--tlskey", Path.Combine(Certificates, "server-key.pem"),
    ];

    protected override void Prepare()
    {
        Directory.CreateDirectory(ClientCertificates);
        Directory.CreateDirectory(ForeignCertificates);
        var script = $$"""
            set -e
            cd {{Certificates}}
            ca() { openssl req -x509 -newkey rsa:2048 -nodes -keyout "$1-key.pem" -days 2 -subj "/CN=minicontainer test $1" -out "$1.pem" 2>/dev/null; }
            sign() { # name, CA, subject, extension
              openssl req -newkey rsa:2048 -nodes -keyout "$1-key.pem" -subj "$3" -out "$1.csr" 2>/dev/null
              printf '%s\n' "$4" > "$1.ext"
              openssl x509 -req -in "$1.csr" -CA "$2.pem" -CAkey "$2-key.pem" -CAcreateserial -days 2 -extfile "$1.ext" -out "$1-cert.pem" 2>/dev/null
            }
            ca ca
            sign server ca "/CN=127.0.0.1" "subjectAltName=IP:127.0.0.1"
            sign client ca "/CN=minicontainer client" "extendedKeyUsage=clientAuth"
            cp ca.pem client/ca.pem; cp client-cert.pem client/cert.pem; cp client-key.pem client/key.pem
            ca other
            sign stranger other "/CN=minicontainer stranger" "extendedKeyUsage=clientAuth"
            cp other.pem foreign/ca.pem; cp stranger-cert.pem foreign/cert.pem; cp stranger-key.pem foreign/key.pem
            """;
        Directory.CreateDirectory(Certificates);
        var made = ProcessRunner.Run("bash", ["-c", script]);
        made.ExitCode.ShouldBe(0, made.Output);
    }

    public Task<DockerEngine> ConnectOverTlsAsync(string certificateDirectory, bool verifyServer = true) =>
        DockerEngine.ConnectAsync(new Uri(TcpHost), tls: new DockerTls(certificateDirectory, verifyServer));
}
