namespace MiniContainer.Oci;

/// <summary>
/// Reads a stream until more than <paramref name="limit"/> bytes have come through, then throws what
/// <paramref name="exceeded"/> makes: a hostile source stops at its bound, not at the end of memory or disk.
/// </summary>
internal sealed class BoundedReadStream(Stream inner, long limit, Func<Exception> exceeded) : Stream
{
    public long BytesRead { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => BytesRead; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer) => Counted(inner.Read(buffer[..Window(buffer.Length)]));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Counted(await inner.ReadAsync(buffer[..Window(buffer.Length)], cancellationToken).ConfigureAwait(false));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush() { }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing) inner.Dispose();
        base.Dispose(disposing);
    }

    // One byte past the limit is asked for, so a source that has more shows it without sending it all.
    private int Window(int requested) => (int)Math.Min(requested, Math.Max(1, limit - BytesRead + 1));

    private int Counted(int read)
    {
        BytesRead += read;
        if (BytesRead > limit) throw exceeded();
        return read;
    }
}
