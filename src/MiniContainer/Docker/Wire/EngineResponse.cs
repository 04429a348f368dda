using System.Net;
using System.Text;

namespace MiniContainer.Docker.Wire;

/// <summary>
/// One answer of the engine's API: its status, and its body as a stream framed by Content-Length,
/// chunked transfer, or the end of the connection (a hijacked exec stream). Disposing it closes the connection.
/// </summary>
internal sealed class EngineResponse(HttpStatusCode status, Stream body, Stream connection) : IAsyncDisposable, IDisposable
{
    public HttpStatusCode Status { get; } = status;

    public bool IsSuccess => (int)Status is >= 200 and < 300;

    public Stream Body { get; } = body;

    public async Task<byte[]> ReadBodyAsync(CancellationToken cancellationToken)
    {
        using var memory = new MemoryStream();
        await Body.CopyToAsync(memory, cancellationToken).ConfigureAwait(false);
        return memory.ToArray();
    }

    /// <summary>The engine's own words for a failed call: the "message" of its JSON error, else the body as text.</summary>
    public async Task<EngineApiException> ErrorAsync(string operation, CancellationToken cancellationToken)
    {
        var body = await ReadBodyAsync(cancellationToken).ConfigureAwait(false);
        return new EngineApiException(operation, Status, EngineMessages.ErrorText(Encoding.UTF8.GetString(body)));
    }

    public void Dispose() => connection.Dispose();

    public ValueTask DisposeAsync() => connection.DisposeAsync();
}
