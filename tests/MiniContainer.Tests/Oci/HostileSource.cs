namespace MiniContainer.Tests.Oci;

/// <summary>
/// A source that never ends (zeros, as /dev/zero gives), counting what it served. Past <see cref="Guard"/>
/// it throws, so a reader without a bound fails this test instead of filling the memory or the disk.
/// </summary>
internal sealed class EndlessStream : Stream
{
    public const long Guard = 256L << 20;

    public long Served { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => Served; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (Served > Guard) throw new InvalidOperationException($"the reader took {Served:N0} bytes of an endless stream without stopping");
        buffer.Clear();
        Served += buffer.Length;
        return buffer.Length;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => ValueTask.FromResult(Read(buffer.Span));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => Task.FromResult(Read(buffer, offset, count));

    public override void Flush() { }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}

/// <summary>
/// How many bytes the process allocated while an action ran: the memory bound a hostile input must not break. Every test
/// running beside it counts too, so a test class that uses it joins the <see cref="AllocationMeasuringTests"/> collection.
/// </summary>
internal static class Allocated
{
    public static async Task<long> DuringAsync(Func<Task> action)
    {
        var before = GC.GetTotalAllocatedBytes(precise: true);
        await action();
        return GC.GetTotalAllocatedBytes(precise: true) - before;
    }
}
