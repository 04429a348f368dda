using Microsoft.Extensions.Logging;
using Serilog.Events;
using MsLogLevel = Microsoft.Extensions.Logging.LogLevel;

namespace MiniContainer.Nuke.Hosting;

/// <summary>
/// The core logs through ILogger; NUKE logs through Serilog. Both speak message templates, so the
/// core's template and values pass through unchanged and NUKE renders them as its own lines.
/// </summary>
internal sealed class SerilogBridge : Microsoft.Extensions.Logging.ILogger
{
    private const string OriginalFormat = "{OriginalFormat}";

    public static readonly SerilogBridge Instance = new();

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(MsLogLevel logLevel) => logLevel != MsLogLevel.None && Serilog.Log.IsEnabled(LevelOf(logLevel));

    public void Log<TState>(MsLogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!IsEnabled(logLevel)) return;
        var level = LevelOf(logLevel);
        if (state is IReadOnlyList<KeyValuePair<string, object?>> values && values.Count > 0 && values[^1] is { Key: OriginalFormat, Value: string template })
            Serilog.Log.Write(level, exception, template, values.Take(values.Count - 1).Select(v => v.Value).ToArray());
        else
            Serilog.Log.Write(level, exception, "{Text:l}", formatter(state, exception));
    }

    private static LogEventLevel LevelOf(MsLogLevel level) => level switch
    {
        MsLogLevel.Trace => LogEventLevel.Verbose,
        MsLogLevel.Debug => LogEventLevel.Debug,
        MsLogLevel.Information => LogEventLevel.Information,
        MsLogLevel.Warning => LogEventLevel.Warning,
        MsLogLevel.Error => LogEventLevel.Error,
        _ => LogEventLevel.Fatal,
    };
}
