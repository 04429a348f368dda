namespace MiniContainer.Docker.Wire;

/// <summary>What a call sends: JSON bytes, or content written as it is produced (sent chunked).</summary>
internal sealed record EngineRequestBody(string ContentType, byte[]? Bytes = null, Func<Stream, CancellationToken, Task>? Writer = null)
{
    public static EngineRequestBody Json(byte[] json) => new("application/json", Bytes: json);

    public static EngineRequestBody Streamed(string contentType, Func<Stream, CancellationToken, Task> writer) => new(contentType, Writer: writer);
}
