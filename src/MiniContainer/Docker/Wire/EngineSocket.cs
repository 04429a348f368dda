using System.IO.Pipes;
using System.Net.Security;
using System.Net.Sockets;

namespace MiniContainer.Docker.Wire;

/// <summary>Opens one connection to the engine's API: a unix socket, a TCP port (with TLS when asked) or a Windows named pipe.</summary>
internal static class EngineSocket
{
    public static bool Supports(Uri endpoint) => endpoint.Scheme is "unix" or "tcp" or "http" or "npipe";

    public static async Task<Stream> OpenAsync(Uri endpoint, DockerTls? tls, CancellationToken cancellationToken)
    {
        switch (endpoint.Scheme)
        {
            case "unix":
            {
                var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                try
                {
                    await socket.ConnectAsync(new UnixDomainSocketEndPoint(endpoint.LocalPath), cancellationToken).ConfigureAwait(false);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            }
            case "tcp" or "http":
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    await socket.ConnectAsync(endpoint.Host, endpoint.Port < 0 ? (tls is null ? 2375 : 2376) : endpoint.Port, cancellationToken).ConfigureAwait(false);
                    var stream = new NetworkStream(socket, ownsSocket: true);
                    if (tls is null) return stream;
                    var ssl = new SslStream(stream, leaveInnerStreamOpen: false);
                    try
                    {
                        await ssl.AuthenticateAsClientAsync(tls.ClientOptions(endpoint.Host), cancellationToken).ConfigureAwait(false);
                        return ssl;
                    }
                    catch
                    {
                        await ssl.DisposeAsync().ConfigureAwait(false);
                        throw;
                    }
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            }
            case "npipe":
            {
                // npipe:////./pipe/docker_engine: server ".", pipe "docker_engine".
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
            default:
                throw new NotSupportedException($"MiniContainer cannot reach a Docker Engine at {endpoint}: use a unix://, tcp:// or npipe:// endpoint.");
        }
    }
}
