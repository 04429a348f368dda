using System.Net.Sockets;

namespace MiniContainer.Registry;

/// <summary>
/// One connection's stream that fails its pending reads and writes once no byte has moved either way
/// for the limit. Progress in either direction counts, so a big upload that keeps moving is never cut
/// while the response read waits beside it.
/// </summary>
internal sealed class InactivityBoundStream : Stream
{
    // Writes go out in slices, so a slow but moving link shows progress within the limit.
    private const int WriteSlice = 16 * 1024;

    private const int SendBuffer = 1 << 20;

    private readonly Stream _inner;
    private readonly TimeSpan _limit;
    private readonly CancellationTokenSource _stalled = new();
    private readonly Timer _watch;
    private long _lastActivity = Environment.TickCount64;
    private int _pending;

    public InactivityBoundStream(Stream inner, TimeSpan limit)
    {
        _inner = inner;
        _limit = limit;
        var period = TimeSpan.FromMilliseconds(Math.Clamp(limit.TotalMilliseconds / 4, 50, 5000));
        _watch = new Timer(_ => Check(), null, period, period);
    }

    /// <summary>Opens a TCP connection bound by <paramref name="limit"/>: the SocketsHttpHandler.ConnectCallback of registry clients.</summary>
    public static Func<SocketsHttpConnectionContext, CancellationToken, ValueTask<Stream>> Connect(TimeSpan limit) => async (context, cancellationToken) =>
    {
        // A written byte counts as moved once the kernel takes it: a bounded send buffer keeps the silence
        // while it drains (after an upload's last write) short, so a slow link that keeps moving is not cut.
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true, SendBufferSize = SendBuffer };
        try
        {
            using var connectLimit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            connectLimit.CancelAfter(limit);
            await socket.ConnectAsync(context.DnsEndPoint, connectLimit.Token).ConfigureAwait(false);
            return new InactivityBoundStream(new NetworkStream(socket, ownsSocket: true), limit);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            socket.Dispose();
            throw new ExchangeStalledException(limit, "connecting");
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    };

    private void Check()
    {
        if (Volatile.Read(ref _pending) > 0 && Environment.TickCount64 - Interlocked.Read(ref _lastActivity) > _limit.TotalMilliseconds)
            _stalled.Cancel();
    }

    private void Begin()
    {
        // The first operation after an idle spell starts the clock afresh: idle time in the pool is no stall.
        if (Interlocked.Increment(ref _pending) == 1) Touch();
        if (_stalled.IsCancellationRequested) throw new ExchangeStalledException(_limit, "on this connection");
    }

    private void Touch() => Interlocked.Exchange(ref _lastActivity, Environment.TickCount64);

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Begin();
        try
        {
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stalled.Token);
            var read = await _inner.ReadAsync(buffer, linked.Token).ConfigureAwait(false);
            Touch();
            return read;
        }
        catch (OperationCanceledException) when (_stalled.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new ExchangeStalledException(_limit, "waiting for the answer");
        }
        finally
        {
            Interlocked.Decrement(ref _pending);
        }
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Begin();
        try
        {
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stalled.Token);
            for (var offset = 0; offset < buffer.Length; offset += WriteSlice)
            {
                await _inner.WriteAsync(buffer.Slice(offset, Math.Min(WriteSlice, buffer.Length - offset)), linked.Token).ConfigureAwait(false);
                Touch();
            }
        }
        catch (OperationCanceledException) when (_stalled.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new ExchangeStalledException(_limit, "sending");
        }
        finally
        {
            Interlocked.Decrement(ref _pending);
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count, CancellationToken.None).GetAwaiter().GetResult();
    public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer, offset, count, CancellationToken.None).GetAwaiter().GetResult();
    public override Task FlushAsync(CancellationToken cancellationToken) => _inner.FlushAsync(cancellationToken);
    public override void Flush() => _inner.Flush();
    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _watch.Dispose();
            _inner.Dispose(); // _stalled is left to the collector: the timer may still be running its last check.
        }
        base.Dispose(disposing);
    }
}

/// <summary>No byte moved for the limit: raised inside the HTTP stack, turned into a <see cref="RegistryRequestException"/> naming the endpoint.</summary>
internal sealed class ExchangeStalledException(TimeSpan limit, string when) : IOException($"no byte for {limit.TotalSeconds:0.###} s ({when})")
{
    public TimeSpan Limit { get; } = limit;

    public static ExchangeStalledException? In(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
            if (e is ExchangeStalledException stalled) return stalled;
        return null;
    }
}
