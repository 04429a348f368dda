using Cake.Core.Diagnostics;
using Microsoft.Extensions.Logging;
using CakeLogLevel = Cake.Core.Diagnostics.LogLevel;
using MsLogLevel = Microsoft.Extensions.Logging.LogLevel;

namespace Cake.MiniContainer.Hosting;

/// <summary>The core logs through ILogger; this writes it to Cake's own log at the matching level.</summary>
internal sealed class CakeLogger(ICakeLog log) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(MsLogLevel logLevel) => logLevel != MsLogLevel.None && log.Verbosity >= VerbosityOf(logLevel);

    public void Log<TState>(MsLogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!IsEnabled(logLevel)) return;
        // Cake's Write takes a format string: the formatted text goes in as an argument so braces stay literal.
        log.Write(VerbosityOf(logLevel), LevelOf(logLevel), "{0}", formatter(state, exception));
    }

    private static Verbosity VerbosityOf(MsLogLevel level) => level switch
    {
        MsLogLevel.Trace => Verbosity.Diagnostic,
        MsLogLevel.Debug => Verbosity.Verbose,
        MsLogLevel.Information => Verbosity.Normal,
        _ => Verbosity.Quiet,
    };

    private static CakeLogLevel LevelOf(MsLogLevel level) => level switch
    {
        MsLogLevel.Trace => CakeLogLevel.Debug,
        MsLogLevel.Debug => CakeLogLevel.Verbose,
        MsLogLevel.Information => CakeLogLevel.Information,
        MsLogLevel.Warning => CakeLogLevel.Warning,
        _ => CakeLogLevel.Error,
    };
}
