using System.Collections.Concurrent;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Text;

namespace MiniContainer.IntegrationTests.Fixtures;

/// <summary>
/// A private Go module proxy on 127.0.0.1, over HTTPS (the go command sends credentials only over
/// TLS): the GOPROXY protocol (/&lt;module&gt;/@v/list, .info, .mod, .zip) served from a
/// <see cref="GoFileProxy"/> folder, only to requests with the right basic credentials; every other
/// request gets 401. It records each request, so a test can prove the token went through a build.
/// </summary>
public sealed class AuthenticatedGoProxy : IAsyncDisposable
{
    private static readonly TimeSpan RequestLimit = TimeSpan.FromSeconds(30);
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly LoopbackCertificates _certificates = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly string _authorization;
    private readonly Task _accepting;

    public AuthenticatedGoProxy(string user, string token)
    {
        Modules = new GoFileProxy(TestBed.TempDirectory("goproxy"));
        _authorization = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{token}"));
        _listener.Start();
        Url = $"https://{user}:{token}@127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";
        _accepting = AcceptAsync();
    }

    /// <summary>The folder the proxy serves; add modules to it.</summary>
    public GoFileProxy Modules { get; }

    /// <summary>The proxy's URL with the credentials in it, as GOPROXY carries them.</summary>
    public string Url { get; }

    /// <summary>The proxy's URL without credentials, for a build that gives them in a .netrc.</summary>
    public string UrlWithoutCredentials => new UriBuilder(Url) { UserName = "", Password = "" }.Uri.AbsoluteUri.TrimEnd('/');

    /// <summary>The CA that signed the proxy's certificate, for the builder's trust store.</summary>
    public string CaPem => _certificates.CaPem;

    /// <summary>Each request's path and whether it carried the right credentials, in arrival order.</summary>
    public ConcurrentQueue<(string Path, bool Authorized)> Requests { get; } = new();

    private Task AcceptAsync() => AcceptLoop.RunAsync(_listener, ServeAsync, _stop.Token);

    // One request per connection (Connection: close), which the go command's client handles.
    private async Task ServeAsync(TcpClient client)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
        limit.CancelAfter(RequestLimit);
        using (client)
        {
            try
            {
                await using var tls = new SslStream(client.GetStream());
                await tls.AuthenticateAsServerAsync(new SslServerAuthenticationOptions
                {
                    ServerCertificate = _certificates.Server,
                    ApplicationProtocols = [SslApplicationProtocol.Http11],
                }, limit.Token);
                using var reader = new StreamReader(tls, Encoding.ASCII, leaveOpen: true);
                var requestLine = await reader.ReadLineAsync(limit.Token) ?? "";
                string? authorization = null;
                while (await reader.ReadLineAsync(limit.Token) is { Length: > 0 } header)
                    if (header.StartsWith("Authorization:", StringComparison.OrdinalIgnoreCase)) authorization = header["Authorization:".Length..].Trim();
                var path = Uri.UnescapeDataString(requestLine.Split(' ') is [_, var target, ..] ? target.Split('?')[0] : "/");
                var authorized = authorization == _authorization;
                Requests.Enqueue((path, authorized));
                var (status, body) = authorized ? Answer(path) : ("401 Unauthorized", "credentials required"u8.ToArray());
                var head = $"HTTP/1.1 {status}\r\nContent-Length: {body.Length}\r\nConnection: close\r\n" +
                    (authorized ? "" : "WWW-Authenticate: Basic realm=\"private modules\"\r\n") + "\r\n";
                await tls.WriteAsync(Encoding.ASCII.GetBytes(head), limit.Token);
                await tls.WriteAsync(body, limit.Token);
            }
            catch (Exception e) when (e is IOException or OperationCanceledException or System.Security.Authentication.AuthenticationException)
            {
                // The client went away or did not trust the CA: the build reports it.
            }
        }
    }

    private (string Status, byte[] Body) Answer(string path)
    {
        var file = Path.GetFullPath(Path.Combine(Modules.Root, path.TrimStart('/')));
        return file.StartsWith(Modules.Root + Path.DirectorySeparatorChar, StringComparison.Ordinal) && File.Exists(file)
            ? ("200 OK", File.ReadAllBytes(file))
            : ("404 Not Found", "not found"u8.ToArray());
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        await _accepting;
        _certificates.Dispose();
        _stop.Dispose();
        Directory.Delete(Modules.Root, recursive: true);
    }
}
