using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Text;
using MiniContainer.IntegrationTests.Fixtures;

namespace MiniContainer.IntegrationTests.Fixtures;

/// <summary>
/// An HTTPS server on 127.0.0.1 whose certificate a fresh test CA signed: only a client that trusts
/// that CA gets "200 OK"; every other one gets an x509 error.
/// </summary>
public sealed class TestHttpsServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly LoopbackCertificates _certificates;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;

    public TestHttpsServer()
    {
        _certificates = new LoopbackCertificates();
        _listener.Start();
        _accepting = AcceptAsync();
    }

    /// <summary>The test CA's certificate, to append to an image's bundle.</summary>
    public string CaPem => _certificates.CaPem;

    public string Url => $"https://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/";

    private Task AcceptAsync() => AcceptLoop.RunAsync(_listener, ServeAsync, _stop.Token);

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                await using var tls = new SslStream(client.GetStream());
                await tls.AuthenticateAsServerAsync(_certificates.Server);
                var buffer = new byte[4096];
                var request = new StringBuilder();
                while (!request.ToString().Contains("\r\n\r\n"))
                {
                    var read = await tls.ReadAsync(buffer);
                    if (read == 0) return;
                    request.Append(Encoding.ASCII.GetString(buffer, 0, read));
                }
                await tls.WriteAsync("HTTP/1.1 200 OK\r\nContent-Length: 3\r\nConnection: close\r\n\r\nok\n"u8.ToArray());
            }
            catch (Exception)
            {
                // A client that does not trust the CA aborts the handshake: expected in the negative test.
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        await _accepting;
        _certificates.Dispose();
        _stop.Dispose();
    }
}
