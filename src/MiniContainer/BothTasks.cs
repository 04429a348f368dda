namespace MiniContainer;

/// <summary>Two pieces of work started side by side, awaited as one.</summary>
internal static class BothTasks
{
    /// <summary>
    /// Both results. When the first fails, its error is the one thrown, after the second has ended
    /// (its own error is observed, not lost to the finalizer or thrown instead).
    /// </summary>
    public static async Task<(T1 First, T2 Second)> AwaitAsync<T1, T2>(Task<T1> first, Task<T2> second)
    {
        T1 result;
        try
        {
            result = await first.ConfigureAwait(false);
        }
        catch
        {
            await Task.WhenAny(second).ConfigureAwait(false);
            _ = second.Exception;
            throw;
        }
        return (result, await second.ConfigureAwait(false));
    }
}
