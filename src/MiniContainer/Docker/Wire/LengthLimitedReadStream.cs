namespace MiniContainer.Docker.Wire;

/// <summary>A body with a Content-Length: ends after that many bytes.</summary>
internal sealed class LengthLimitedReadStream(Stream inner, long length) : ReadOnlyWireStream
{
    private long _remaining = length;

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_remaining == 0 || buffer.IsEmpty) return 0;
        var read = await inner.ReadAsync(buffer[..(int)Math.Min(buffer.Length, _remaining)], cancellationToken).ConfigureAwait(false);
        if (read == 0) throw new IOException($"The Docker Engine closed the connection {_remaining} bytes before the end of its answer.");
        _remaining -= read;
        return read;
    }
}
