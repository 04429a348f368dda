namespace MiniContainer.Docker;

/// <summary>
/// Watches a streaming engine call: <see cref="Saw"/> marks activity; after <c>limit</c> of silence it asks
/// whether the engine answers at all, and when it does not, cancels <see cref="Token"/> and sets <see cref="Stalled"/>.
/// Silence alone is not a stall: a <c>go build</c> may print nothing for minutes in an engine that is fine.
/// </summary>
internal sealed class EngineStallGuard : IDisposable
{
    private readonly CancellationTokenSource _cancel;
    private readonly Func<Task<bool>> _engineAnswers;
    private readonly TimeSpan _limit;
    private long _lastActivity = Environment.TickCount64;
    private volatile bool _stalled;

    public EngineStallGuard(Func<Task<bool>> engineAnswers, TimeSpan limit, CancellationToken cancellationToken)
    {
        _engineAnswers = engineAnswers;
        _limit = limit;
        _cancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _ = WatchAsync();
    }

    /// <summary>Cancelled when the caller cancels or the engine stalls.</summary>
    public CancellationToken Token => _cancel.Token;

    public bool Stalled => _stalled;

    /// <summary>The call saw a byte or a message from the engine (or the engine took one from us).</summary>
    public void Saw() => Volatile.Write(ref _lastActivity, Environment.TickCount64);

    private async Task WatchAsync()
    {
        try
        {
            while (!_cancel.IsCancellationRequested)
            {
                var idle = TimeSpan.FromMilliseconds(Environment.TickCount64 - Volatile.Read(ref _lastActivity));
                if (idle < _limit)
                {
                    await Task.Delay(_limit - idle, _cancel.Token).ConfigureAwait(false);
                    continue;
                }
                if (await _engineAnswers().ConfigureAwait(false))
                {
                    Saw();
                    continue;
                }
                _stalled = true;
                await _cancel.CancelAsync().ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // The call ended or was cancelled.
        }
        catch (ObjectDisposedException)
        {
        }
    }

    public void Dispose()
    {
        try
        {
            _cancel.Cancel();
        }
        catch (ObjectDisposedException)
        {
        }
        _cancel.Dispose();
    }
}
