using MiniContainer.Docker;

namespace MiniContainer.Tests.Docker;

/// <summary>TLS to the engine is asked for as the docker CLI asks for it.</summary>
public sealed class DockerTlsTests
{
    private static DockerTls? FromEnvironment(params (string Name, string Value)[] environment) =>
        DockerTls.FromEnvironment(name => environment.FirstOrDefault(e => e.Name == name).Value, "/home/builder");

    [Fact]
    public void Without_DOCKER_TLS_VERIFY_or_DOCKER_TLS_there_is_no_TLS() =>
        FromEnvironment(("DOCKER_CERT_PATH", "/certs")).ShouldBeNull();

    [Fact]
    public void DOCKER_TLS_VERIFY_verifies_the_engine_with_the_certificates_of_DOCKER_CERT_PATH() =>
        FromEnvironment(("DOCKER_TLS_VERIFY", "1"), ("DOCKER_CERT_PATH", "/certs/client")).ShouldBe(new DockerTls("/certs/client", VerifyServer: true));

    [Fact]
    public void DOCKER_TLS_alone_speaks_TLS_without_checking_the_engine_and_the_certificates_default_to_the_docker_folder() =>
        FromEnvironment(("DOCKER_TLS", "1")).ShouldBe(new DockerTls(Path.Combine("/home/builder", ".docker"), VerifyServer: false));

    [Fact]
    public void The_certificate_files_are_the_docker_CLI_names()
    {
        var tls = new DockerTls("/certs", VerifyServer: true);

        (tls.CaFile, tls.CertificateFile, tls.KeyFile).ShouldBe(("/certs/ca.pem", "/certs/cert.pem", "/certs/key.pem"));
    }
}
