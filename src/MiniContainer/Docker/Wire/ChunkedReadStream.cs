using System.Globalization;

namespace MiniContainer.Docker.Wire;

/// <summary>A body sent with Transfer-Encoding: chunked (the engine's progress and event streams).</summary>
internal sealed class ChunkedReadStream(BufferedWireReader inner) : ReadOnlyWireStream
{
    private long _remainingInChunk;
    private bool _done;

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_done || buffer.IsEmpty) return 0;
        if (_remainingInChunk == 0)
        {
            var sizeLine = await inner.ReadLineAsync(cancellationToken).ConfigureAwait(false)
                           ?? throw new IOException("The Docker Engine closed the connection in the middle of a chunked answer.");
            var size = sizeLine.Split(';')[0].Trim();
            if (!long.TryParse(size, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out _remainingInChunk))
                throw new IOException($"The Docker Engine sent a chunk size that is not one: '{sizeLine}'.");
            if (_remainingInChunk == 0)
            {
                // Trailers (none expected), then the empty line.
                while (await inner.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { Length: > 0 }) { }
                _done = true;
                return 0;
            }
        }
        var read = await inner.ReadAsync(buffer[..(int)Math.Min(buffer.Length, _remainingInChunk)], cancellationToken).ConfigureAwait(false);
        if (read == 0) throw new IOException("The Docker Engine closed the connection in the middle of a chunk.");
        _remainingInChunk -= read;
        if (_remainingInChunk == 0) await inner.ReadLineAsync(cancellationToken).ConfigureAwait(false); // the chunk's CRLF
        return read;
    }
}
