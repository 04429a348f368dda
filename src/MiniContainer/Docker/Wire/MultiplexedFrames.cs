using System.Buffers.Binary;

namespace MiniContainer.Docker.Wire;

/// <summary>
/// The engine's stream of a container's stdout and stderr without a TTY: frames of an 8-byte header
/// (stream 1 or 2, three zero bytes, a big-endian length) and that many bytes of output.
/// </summary>
internal sealed class MultiplexedFrames(Stream stream)
{
    private readonly byte[] _header = new byte[8];
    private int _remaining;
    private bool _isError;

    /// <summary>Reads up to the buffer's length of the current frame; Count 0 at the end of the stream.</summary>
    public async Task<(int Count, bool IsError)> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        while (_remaining == 0)
        {
            if (!await ReadHeaderAsync(cancellationToken).ConfigureAwait(false)) return (0, false);
        }
        var read = await stream.ReadAsync(buffer[..Math.Min(buffer.Length, _remaining)], cancellationToken).ConfigureAwait(false);
        if (read == 0) return (0, false);
        _remaining -= read;
        return (read, _isError);
    }

    private async Task<bool> ReadHeaderAsync(CancellationToken cancellationToken)
    {
        var filled = 0;
        while (filled < _header.Length)
        {
            var read = await stream.ReadAsync(_header.AsMemory(filled), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                if (filled == 0) return false;
                throw new IOException("The Docker Engine's output stream ended inside a frame header.");
            }
            filled += read;
        }
        _isError = _header[0] == 2;
        _remaining = (int)BinaryPrimitives.ReadUInt32BigEndian(_header.AsSpan(4));
        return true;
    }
}
