using System.Diagnostics;
using Microsoft.Extensions.Logging;

/// <summary>
/// MINICONTAINER_BENCH_TRACE=1: every log line of the steps on stderr with the milliseconds since
/// the runner started, to see where a step's time goes.
/// </summary>
internal sealed class TraceLogger(Stopwatch clock) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        Console.Error.WriteLine($"{clock.Elapsed.TotalMilliseconds,8:F1} ms  {formatter(state, exception)}");
}
