using System.Buffers.Binary;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MiniContainer.BuildServer;

/// <summary>
/// The build server's wire format: each message one JSON object after its length (4 bytes, big-endian), at most
/// <see cref="MaxLength"/> bytes. Both ends of the socket are this user's processes; the bound keeps a broken
/// peer from making the other allocate without limit.
/// </summary>
internal static class Frames
{
    public const int MaxLength = 16 * 1024 * 1024;

    /// <summary>Writes one message, a JSON object's UTF-8 bytes (whole, so writers on several threads need only one lock around this).</summary>
    public static void Write(Stream stream, ReadOnlySpan<byte> body)
    {
        if (body.Length > MaxLength) throw new BuildServerProtocolException($"a message of {body.Length} bytes is over the build server's limit of {MaxLength}");
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, body.Length);
        var frame = new byte[4 + body.Length];
        length.CopyTo(frame);
        body.CopyTo(frame.AsSpan(4));
        stream.Write(frame);
        stream.Flush();
    }

    /// <summary>The next message; null when the other end closed the connection between messages.</summary>
    /// <exception cref="BuildServerProtocolException">A broken or oversized message, or the connection ended inside one.</exception>
    public static async Task<JsonObject?> ReadAsync(Stream stream, CancellationToken cancellationToken)
    {
        var length = new byte[4];
        var got = await FillAsync(stream, length, cancellationToken).ConfigureAwait(false);
        if (got == 0) return null;
        if (got < 4) throw new BuildServerProtocolException("the connection ended inside a message");
        var size = BinaryPrimitives.ReadInt32BigEndian(length);
        if (size is < 2 or > MaxLength) throw new BuildServerProtocolException($"a message of {size} bytes is outside the build server's limit (2 to {MaxLength})");
        var body = new byte[size];
        if (await FillAsync(stream, body, cancellationToken).ConfigureAwait(false) < size) throw new BuildServerProtocolException("the connection ended inside a message");
        try
        {
            return JsonNode.Parse(body) as JsonObject ?? throw new BuildServerProtocolException("a message that is not a JSON object");
        }
        catch (JsonException e)
        {
            throw new BuildServerProtocolException($"a message that is not JSON ({e.Message})");
        }
    }

    private static async Task<int> FillAsync(Stream stream, byte[] buffer, CancellationToken cancellationToken)
    {
        var filled = 0;
        while (filled < buffer.Length)
        {
            var read = await stream.ReadAsync(buffer.AsMemory(filled), cancellationToken).ConfigureAwait(false);
            if (read == 0) break;
            filled += read;
        }
        return filled;
    }

    public static string? Text(this JsonObject message, string name) => message[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    public static int? Number(this JsonObject message, string name) => message[name] is JsonValue value && value.TryGetValue<int>(out var number) ? number : null;
}
