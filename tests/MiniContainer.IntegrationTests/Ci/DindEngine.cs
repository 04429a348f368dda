using MiniContainer.IntegrationTests.Fixtures;
using MiniContainer.IntegrationTests.Reliability;

namespace MiniContainer.IntegrationTests.Ci;

/// <summary>docker:dind as a GitLab job reaches it, on loopback: a second engine that takes only TLS with a client certificate,
/// holding the test-bed images a real dind would pull (the builder and the Alpine stand-in).</summary>
public sealed class DindEngine : TlsEngine
{
    protected override bool HoldsTestImages => true;

    public DindService AsService => new(TcpHost, ClientCertificates);
}
