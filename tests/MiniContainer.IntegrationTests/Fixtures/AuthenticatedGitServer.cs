using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Text;

namespace MiniContainer.IntegrationTests.Fixtures;

/// <summary>
/// A private git server on a fresh loopback address, port 443 (a Go module path has no port), over HTTPS: git's
/// smart HTTP protocol, answered by git's own <c>git http-backend</c> run as a CGI program for each request that
/// carries the right basic credentials; every other request gets 401. It records each request, so a test can prove
/// the token went through a build, and serves one bare repository per module it is given.
/// </summary>
public sealed class AuthenticatedGitServer : IAsyncDisposable
{
    private static readonly TimeSpan RequestLimit = TimeSpan.FromSeconds(30);
    private readonly TcpListener _listener;
    private readonly LoopbackCertificates _certificates;
    private readonly CancellationTokenSource _stop = new();
    private readonly string _authorization;
    private readonly string _root = TestBed.TempDirectory("git-server");
    private readonly Task _accepting;

    public AuthenticatedGitServer(string user, string token)
    {
        _authorization = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{token}"));
        (_listener, Address) = ListenOnAFreshLoopbackAddress();
        _certificates = new LoopbackCertificates(Address);
        _accepting = AcceptLoop.RunAsync(_listener, ServeAsync, _stop.Token);
    }

    /// <summary>The server's address, which is also the first element of its modules' paths.</summary>
    public IPAddress Address { get; }

    public string Host => Address.ToString();

    /// <summary>The CA that signed the server's certificate, for the builder's trust store.</summary>
    public string CaPem => _certificates.CaPem;

    /// <summary>Each request's path and query and whether it carried the right credentials, in arrival order.</summary>
    public ConcurrentQueue<(string Path, bool Authorized)> Requests { get; } = new();

    /// <summary>
    /// A repository <c>&lt;repository&gt;.git</c> with go.mod (module <c>&lt;host&gt;/&lt;repository&gt;.git</c>) and
    /// <paramref name="files"/> committed and tagged <paramref name="version"/>; returns the module path and its go.sum lines.
    /// </summary>
    public (string ModulePath, string GoSum) AddModule(string repository, string version, IReadOnlyDictionary<string, string> files)
    {
        var modulePath = $"{Host}/{repository}.git";
        var goMod = $"module {modulePath}\n\ngo 1.19\n";
        var work = TestBed.TempDirectory("git-module");
        try
        {
            File.WriteAllText(Path.Combine(work, "go.mod"), goMod);
            foreach (var (name, text) in files) File.WriteAllText(Path.Combine(work, name), text);
            Git(work, "init", "-q", "-b", "main");
            Git(work, "add", ".");
            Git(work, "-c", "user.name=Test", "-c", "user.email=test@example.invalid", "commit", "-q", "-m", "release");
            Git(work, "tag", version);
            var bare = Path.Combine(_root, repository + ".git");
            Directory.CreateDirectory(Path.GetDirectoryName(bare)!);
            Git(_root, "clone", "-q", "--bare", work, bare);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
        return (modulePath, GoFileProxy.GoSumLines(modulePath, version, goMod, files));
    }

    // Port 443 of 127.0.0.1 may be taken by another test; the rest of 127.0.0.0/8 is this machine's too.
    private static (TcpListener, IPAddress) ListenOnAFreshLoopbackAddress()
    {
        for (var attempt = 0; ; attempt++)
        {
            var address = new IPAddress([127, (byte)Random.Shared.Next(1, 255), (byte)Random.Shared.Next(1, 255), (byte)Random.Shared.Next(1, 255)]);
            var listener = new TcpListener(address, 443);
            try
            {
                listener.Start();
                return (listener, address);
            }
            catch (SocketException) when (attempt < 5)
            {
                listener.Dispose();
            }
        }
    }

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
                var head = await ReadHeadAsync(tls, limit.Token);
                var lines = head.Split("\r\n");
                var headers = lines.Skip(1).Select(l => l.Split(':', 2)).Where(p => p.Length == 2)
                    .GroupBy(p => p[0].Trim(), StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.Last()[1].Trim(), StringComparer.OrdinalIgnoreCase);
                var (method, target) = lines[0].Split(' ') is [var m, var t, ..] ? (m, t) : ("GET", "/");
                var authorized = headers.GetValueOrDefault("Authorization") == _authorization;
                Requests.Enqueue((target, authorized));
                var body = await ReadBodyAsync(tls, headers, limit.Token);
                if (!authorized)
                {
                    await tls.WriteAsync("HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Basic realm=\"private git\"\r\nContent-Length: 21\r\nConnection: close\r\n\r\ncredentials required\n"u8.ToArray(), limit.Token);
                    return;
                }
                await tls.WriteAsync(await HttpBackendAsync(method, target, headers, body, limit.Token), limit.Token);
            }
            catch (Exception e) when (e is IOException or OperationCanceledException or System.Security.Authentication.AuthenticationException or InvalidDataException)
            {
                // The client went away or did not trust the CA: the build reports it.
            }
        }
    }

    /// <summary>git http-backend as the CGI program it is, and its answer as an HTTP response (read to the end: Connection: close).</summary>
    private async Task<byte[]> HttpBackendAsync(string method, string target, IReadOnlyDictionary<string, string> headers, byte[] body, CancellationToken cancellationToken)
    {
        var q = target.IndexOf('?');
        var query = q >= 0 ? target[(q + 1)..] : "";
        var start = new ProcessStartInfo("git", ["http-backend"]) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("GIT_", StringComparison.Ordinal)).ToList()) start.Environment.Remove(name);
        start.Environment["GIT_PROJECT_ROOT"] = _root;
        start.Environment["GIT_HTTP_EXPORT_ALL"] = "1";
        start.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
        start.Environment["HOME"] = _root;
        start.Environment["REQUEST_METHOD"] = method;
        start.Environment["PATH_INFO"] = Uri.UnescapeDataString(q >= 0 ? target[..q] : target);
        start.Environment["QUERY_STRING"] = query;
        start.Environment["REMOTE_USER"] = "git-client";
        start.Environment["REMOTE_ADDR"] = "127.0.0.1";
        start.Environment["CONTENT_LENGTH"] = body.Length.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (headers.GetValueOrDefault("Content-Type") is { } type) start.Environment["CONTENT_TYPE"] = type;
        if (headers.GetValueOrDefault("Content-Encoding") is { } encoding) start.Environment["HTTP_CONTENT_ENCODING"] = encoding;
        if (headers.GetValueOrDefault("Git-Protocol") is { } protocol) start.Environment["HTTP_GIT_PROTOCOL"] = protocol;
        using var process = Process.Start(start)!;
        var output = new MemoryStream();
        var reading = process.StandardOutput.BaseStream.CopyToAsync(output, cancellationToken);
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.StandardInput.BaseStream.WriteAsync(body, cancellationToken);
        process.StandardInput.Close();
        await reading;
        await errors;
        await process.WaitForExitAsync(cancellationToken);

        // CGI: header lines, a blank line, the body; "Status:" gives the status line.
        var cgi = output.ToArray();
        var split = IndexOf(cgi, "\r\n\r\n"u8) is var crlf and >= 0 ? (crlf, 4) : (IndexOf(cgi, "\n\n"u8), 2);
        if (split.Item1 < 0) return "HTTP/1.1 500 Internal Server Error\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"u8.ToArray();
        var cgiHeaders = Encoding.ASCII.GetString(cgi, 0, split.Item1).Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        var status = cgiHeaders.FirstOrDefault(h => h.StartsWith("Status:", StringComparison.OrdinalIgnoreCase))?["Status:".Length..].Trim() ?? "200 OK";
        var response = new StringBuilder($"HTTP/1.1 {status}\r\n");
        foreach (var header in cgiHeaders.Where(h => !h.StartsWith("Status:", StringComparison.OrdinalIgnoreCase))) response.Append(header).Append("\r\n");
        var rest = cgi.AsSpan(split.Item1 + split.Item2);
        response.Append($"Content-Length: {rest.Length}\r\nConnection: close\r\n\r\n");
        return [.. Encoding.ASCII.GetBytes(response.ToString()), .. rest];
    }

    // Byte by byte up to the blank line, so the body that follows stays in the stream.
    private static async Task<string> ReadHeadAsync(Stream stream, CancellationToken cancellationToken)
    {
        var head = new List<byte>();
        var one = new byte[1];
        while (head.Count < 65536)
        {
            if (await stream.ReadAsync(one, cancellationToken) == 0) throw new IOException("the client closed the connection");
            head.Add(one[0]);
            if (head.Count >= 4 && head[^4] == '\r' && head[^3] == '\n' && head[^2] == '\r' && head[^1] == '\n')
                return Encoding.ASCII.GetString([.. head]);
        }
        throw new InvalidDataException("request head too long");
    }

    private static async Task<byte[]> ReadBodyAsync(Stream stream, IReadOnlyDictionary<string, string> headers, CancellationToken cancellationToken)
    {
        if (headers.GetValueOrDefault("Content-Length") is { } length)
        {
            var body = new byte[int.Parse(length, System.Globalization.CultureInfo.InvariantCulture)];
            await stream.ReadExactlyAsync(body, cancellationToken);
            return body;
        }
        if (!string.Equals(headers.GetValueOrDefault("Transfer-Encoding"), "chunked", StringComparison.OrdinalIgnoreCase)) return [];
        // git sends a large request in chunks: size line, data, CRLF, until a chunk of size 0.
        var all = new MemoryStream();
        while (true)
        {
            var sizeLine = (await ReadLineAsync(stream, cancellationToken)).Split(';')[0];
            var size = Convert.ToInt32(sizeLine, 16);
            if (size == 0)
            {
                while ((await ReadLineAsync(stream, cancellationToken)).Length > 0) { }
                return all.ToArray();
            }
            var chunk = new byte[size];
            await stream.ReadExactlyAsync(chunk, cancellationToken);
            all.Write(chunk);
            await ReadLineAsync(stream, cancellationToken);
        }
    }

    private static async Task<string> ReadLineAsync(Stream stream, CancellationToken cancellationToken)
    {
        var line = new List<byte>();
        var one = new byte[1];
        while (true)
        {
            if (await stream.ReadAsync(one, cancellationToken) == 0) throw new IOException("the client closed the connection");
            if (one[0] == '\n') return Encoding.ASCII.GetString([.. line]).TrimEnd('\r');
            line.Add(one[0]);
        }
    }

    private static int IndexOf(byte[] data, ReadOnlySpan<byte> needle) => data.AsSpan().IndexOf(needle);

    private static void Git(string folder, params string[] arguments)
    {
        var result = ProcessRunner.Run("git", ["-C", folder, .. arguments]);
        result.ExitCode.ShouldBe(0, $"git {string.Join(' ', arguments)}: {result.Output}");
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        await _accepting;
        _certificates.Dispose();
        _stop.Dispose();
        Directory.Delete(_root, recursive: true);
    }
}
