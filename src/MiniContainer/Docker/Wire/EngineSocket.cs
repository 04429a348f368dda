using System.IO.Pipes;
using System.Net.Security;
using System.Net.Sockets;

namespace MiniContainer.Docker.Wire;

/// <summary>Opens one connection to the engine's API: a unix socket, a TCP port (with TLS when asked) or a Windows named pipe.</summary>
internal static class EngineSocket
{
    public static bool Supports(Uri endpoint) => endpoint.Scheme is "unix" or "tcp" or "http" or "npipe";

    public static async Task<Stream> OpenAsync(Uri endpoint, DockerTls? tls, CancellationToken cancellationToken) => endpoint.Scheme switch
    {
        "unix" => await ConnectedAsync(new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified),
            (socket, ct) => socket.ConnectAsync(new UnixDomainSocketEndPoint(endpoint.LocalPath), ct), cancellationToken).ConfigureAwait(false),
        "tcp" or "http" => await WithTlsAsync(
            await ConnectedAsync(new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true },
                (socket, ct) => socket.ConnectAsync(endpoint.Host, endpoint.Port < 0 ? (tls is null ? 2375 : 2376) : endpoint.Port, ct), cancellationToken).ConfigureAwait(false),
            endpoint.Host, tls, cancellationToken).ConfigureAwait(false),
        "npipe" => await OpenPipeAsync(endpoint, cancellationToken).ConfigureAwait(false),
        _ => throw new NotSupportedException($"MiniContainer cannot reach a Docker Engine at {endpoint}: use a unix://, tcp:// or npipe:// endpoint."),
    };

    private static async Task<Stream> ConnectedAsync(Socket socket, Func<Socket, CancellationToken, ValueTask> connect, CancellationToken cancellationToken)
    {
        try
        {
            await connect(socket, cancellationToken).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>The connection as it is without TLS, else wrapped in the handshake (which takes the connection with it when it fails).</summary>
    private static async Task<Stream> WithTlsAsync(Stream connection, string host, DockerTls? tls, CancellationToken cancellationToken)
    {
        if (tls is null) return connection;
        var ssl = new SslStream(connection, leaveInnerStreamOpen: false);
        try
        {
            await ssl.AuthenticateAsClientAsync(tls.ClientOptions(host), cancellationToken).ConfigureAwait(false);
            return ssl;
        }
        catch
        {
            await ssl.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>npipe:////./pipe/docker_engine: server ".", pipe "docker_engine".</summary>
    private static async Task<Stream> OpenPipeAsync(Uri endpoint, CancellationToken cancellationToken)
    {
        var segments = endpoint.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var pipe = new NamedPipeClientStream(endpoint.Host is { Length: > 0 } host ? host : ".", segments[^1], PipeDirection.InOut, PipeOptions.Asynchronous);
        try
        {
            await pipe.ConnectAsync(cancellationToken).ConfigureAwait(false);
            return pipe;
        }
        catch
        {
            await pipe.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
