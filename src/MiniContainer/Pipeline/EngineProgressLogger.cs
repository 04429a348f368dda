using Microsoft.Extensions.Logging;

namespace MiniContainer.Pipeline;

/// <summary>
/// The engine's own logger: the core reports push and pull progress at Debug (one line per layer
/// state); a user watching a push wants to see it, so those lines are lifted to Information.
/// </summary>
public sealed class EngineProgressLogger(ILogger inner) : ILogger
{
    private static readonly string[] ProgressPrefixes = ["push: ", "pull: "];

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => inner.BeginScope(state);

    public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel) || logLevel == LogLevel.Debug;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var level = logLevel == LogLevel.Debug && IsProgress(formatter(state, exception)) ? LogLevel.Information : logLevel;
        if (inner.IsEnabled(level)) inner.Log(level, eventId, state, exception, formatter);
    }

    private static bool IsProgress(string text) => ProgressPrefixes.Any(p => text.StartsWith(p, StringComparison.Ordinal));
}
