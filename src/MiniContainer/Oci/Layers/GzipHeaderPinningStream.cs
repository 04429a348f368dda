namespace MiniContainer.Oci.Layers;

/// <summary>
/// Pins the gzip header's time (bytes 4-7) to zero and its OS byte (9) to 255 "unknown", as Go's
/// gzip writes them: zlib stamps the host's OS there, which would make the digest depend on it.
/// </summary>
internal sealed class GzipHeaderPinningStream(Stream inner) : Stream
{
    public const int HeaderLength = 10;
    public const byte UnknownOs = 0xff;

    private long _position;

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        if (_position >= HeaderLength || buffer.IsEmpty)
        {
            _position += buffer.Length;
            inner.Write(buffer);
            return;
        }
        var copy = buffer.ToArray();
        for (var i = 0; i < copy.Length && _position + i < HeaderLength; i++)
        {
            var offset = _position + i;
            if (offset is >= 4 and <= 7) copy[i] = 0;
            else if (offset == 9) copy[i] = UnknownOs;
        }
        _position += copy.Length;
        inner.Write(copy);
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Write(buffer.Span);
        return ValueTask.CompletedTask;
    }

    public override void Flush() => inner.Flush();

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => _position; set => throw new NotSupportedException(); }
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
}
