using Microsoft.Extensions.Logging;

namespace MiniContainer.BuildServer;

/// <summary>The server's ILogger for one step: each enabled line goes to the build as a message, at the build's own level.</summary>
internal sealed class FrameLogger(FrameWriter writer, LogLevel lowest) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None && logLevel >= lowest;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!IsEnabled(logLevel)) return;
        writer.TryWrite(Messages.LogLine((int)logLevel, formatter(state, exception)));
    }
}
