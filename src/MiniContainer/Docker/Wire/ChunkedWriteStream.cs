using System.Buffers;
using System.Text;

namespace MiniContainer.Docker.Wire;

/// <summary>
/// A request body of unknown length (an image archive written as it is read), sent with
/// Transfer-Encoding: chunked in chunks of up to 64 KiB. <see cref="FinishAsync"/> sends the last one.
/// </summary>
internal sealed class ChunkedWriteStream(Stream connection) : Stream
{
    private readonly byte[] _buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
    private int _count;

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default)
    {
        while (!data.IsEmpty)
        {
            var take = Math.Min(data.Length, _buffer.Length - _count);
            data[..take].CopyTo(_buffer.AsMemory(_count));
            _count += take;
            data = data[take..];
            if (_count == _buffer.Length) await SendChunkAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override Task FlushAsync(CancellationToken cancellationToken) => _count == 0 ? Task.CompletedTask : SendChunkAsync(cancellationToken).AsTask();

    public override void Flush() => FlushAsync(CancellationToken.None).GetAwaiter().GetResult();

    /// <summary>Sends what is buffered and the terminating zero-length chunk.</summary>
    public async Task FinishAsync(CancellationToken cancellationToken)
    {
        await FlushAsync(cancellationToken).ConfigureAwait(false);
        await connection.WriteAsync("0\r\n\r\n"u8.ToArray(), cancellationToken).ConfigureAwait(false);
        await connection.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask SendChunkAsync(CancellationToken cancellationToken)
    {
        await connection.WriteAsync(Encoding.ASCII.GetBytes($"{_count:x}\r\n"), cancellationToken).ConfigureAwait(false);
        await connection.WriteAsync(_buffer.AsMemory(0, _count), cancellationToken).ConfigureAwait(false);
        await connection.WriteAsync("\r\n"u8.ToArray(), cancellationToken).ConfigureAwait(false);
        _count = 0;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) ArrayPool<byte>.Shared.Return(_buffer);
        base.Dispose(disposing);
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
}
