using System.Text;

namespace MiniContainer.Docker.Wire;

/// <summary>
/// HTTP/1.1 to the engine's API, one connection per call (as the docker CLI's hijacked calls need).
/// Written here rather than taken from Docker.DotNet for the calls every build makes: in a fresh
/// process, Docker.DotNet's first use of each call costs 40–100 ms (its JSON contracts and HTTP stack),
/// this one a few milliseconds after the first connection.
/// </summary>
internal sealed class EngineHttp(Uri endpoint, DockerTls? tls)
{
    public Uri Endpoint { get; } = endpoint;

    public async Task<EngineResponse> SendAsync(string method, string pathAndQuery, EngineRequestBody? body, CancellationToken cancellationToken)
    {
        var connection = await EngineSocket.OpenAsync(Endpoint, tls, cancellationToken).ConfigureAwait(false);
        try
        {
            var head = new StringBuilder()
                .Append(method).Append(' ').Append(pathAndQuery).Append(" HTTP/1.1\r\n")
                .Append("Host: docker\r\nUser-Agent: MiniContainer\r\nConnection: close\r\n");
            if (body?.Bytes is { } bytes) head.Append("Content-Type: ").Append(body.ContentType).Append("\r\nContent-Length: ").Append(bytes.Length).Append("\r\n");
            else if (body?.Writer is not null) head.Append("Content-Type: ").Append(body.ContentType).Append("\r\nTransfer-Encoding: chunked\r\n");
            else if (method is "POST" or "PUT") head.Append("Content-Length: 0\r\n");
            head.Append("\r\n");

            var headBytes = Encoding.ASCII.GetBytes(head.ToString());
            if (body?.Bytes is { } content) await connection.WriteAsync((byte[])[.. headBytes, .. content], cancellationToken).ConfigureAwait(false);
            else await connection.WriteAsync(headBytes, cancellationToken).ConfigureAwait(false);
            if (body?.Writer is { } writer)
            {
                await using var chunked = new ChunkedWriteStream(connection);
                await writer(chunked, cancellationToken).ConfigureAwait(false);
                await chunked.FinishAsync(cancellationToken).ConfigureAwait(false);
            }
            await connection.FlushAsync(cancellationToken).ConfigureAwait(false);
            return await new BufferedWireReader(connection).ReadResponseAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
