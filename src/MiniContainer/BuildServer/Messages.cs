using System.Text.Json;
using System.Text.Json.Nodes;
using MiniContainer.Pipeline;

namespace MiniContainer.BuildServer;

/// <summary>
/// The messages of one connection. A build says hello (its version, code and identity key), the server answers
/// welcome, busy (another build is connected) or refused (not its version or environment); then per step the build
/// sends the step with the script's settings and its arguments, the server sends log lines and summary entries and
/// ends with the step's outcome. A build that is interrupted sends cancel; one that closes the connection cancels too.
/// </summary>
internal static class Messages
{
    public const string Hello = "hello", Welcome = "welcome", Busy = "busy", Refused = "refused";
    public const string Step = "step", Cancel = "cancel", Log = "log", Summary = "summary", End = "end";

    // Outcomes of a step.
    public const string Done = "done", Failed = "failed", Cancelled = "cancelled", Fault = "fault";

    public static string? TypeOf(JsonObject message) => message.Text("type");

    public static byte[] HelloFrom(BuildServerIdentity identity) =>
        Bytes(writer =>
        {
            writer.WriteString("type", Hello);
            writer.WriteString("version", identity.Version);
            writer.WriteString("codeId", identity.CodeId);
            writer.WriteString("key", identity.Key);
        });

    public static byte[] CancelRequest() => Bytes(writer => writer.WriteString("type", Cancel));

    /// <summary>A message written straight to bytes: what a build sends pays no JSON node or metadata in its fresh process.</summary>
    private static byte[] Bytes(Action<Utf8JsonWriter> members)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(4096);
        using (var writer = new Utf8JsonWriter(buffer, MiniContainerJsonContext.Compact))
        {
            writer.WriteStartObject();
            members(writer);
            writer.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>A step's request.</summary>
    public static byte[] StepRequest(string step, PipelineScript script, IReadOnlyDictionary<string, string> arguments, string workingDirectory, int lowestLevel) =>
        Bytes(writer =>
        {
            writer.WriteString("type", Step);
            writer.WriteString("step", step);
            writer.WriteString("workingDirectory", workingDirectory);
            writer.WriteNumber("level", lowestLevel);
            writer.WriteStartObject("arguments");
            foreach (var (name, value) in arguments) writer.WriteString(name, value);
            writer.WriteEndObject();
            ScriptSnapshot.Write(writer, script);
        });

    public static Dictionary<string, string> ArgumentsOf(JsonObject message)
    {
        var arguments = new Dictionary<string, string>(StringComparer.Ordinal);
        if (message["arguments"] is JsonObject given)
            foreach (var (name, value) in given)
                if (value is JsonValue text && text.TryGetValue<string>(out var s)) arguments[name] = s;
        return arguments;
    }

    public static JsonObject LogLine(int level, string text) => new() { ["type"] = Log, ["level"] = level, ["text"] = text };

    // A summary entry by hand, not by generated metadata: reading it is a build's first use, where metadata costs tens of ms.
    public static JsonObject SummaryEntry(RunSummaryEntry entry) => new()
    {
        ["type"] = Summary, ["kind"] = entry.Kind, ["name"] = entry.Name, ["seconds"] = entry.Seconds, ["reason"] = entry.Reason, ["size"] = entry.Size,
        ["linkage"] = entry.Linkage?.ToString(), ["goVersion"] = entry.GoVersion, ["pushed"] = entry.Pushed,
    };

    public static RunSummaryEntry EntryOf(JsonObject message)
    {
        if (message.Text("kind") is not { } kind || message.Text("name") is not { } name) throw new BuildServerProtocolException("a summary entry without its kind and name");
        var linkage = message.Text("linkage") is { } text
            ? Enum.TryParse<Elf.Linkage>(text, out var parsed) ? parsed : throw new BuildServerProtocolException($"a summary entry with the linkage '{text}'")
            : (Elf.Linkage?)null;
        return new RunSummaryEntry(kind, name)
        {
            Seconds = message["seconds"] is JsonValue seconds && seconds.TryGetValue<double>(out var s) ? s : null,
            Size = message["size"] is JsonValue size && size.TryGetValue<long>(out var l) ? l : null,
            Reason = message.Text("reason"), Linkage = linkage, GoVersion = message.Text("goVersion"), Pushed = message.Text("pushed"),
        };
    }

    /// <param name="during">The phase the failure is reported under: the step, or "Settings" when resolving them failed.</param>
    public static JsonObject EndOf(string outcome, string? message = null, string? during = null) =>
        new() { ["type"] = End, ["outcome"] = outcome, ["message"] = message, ["during"] = during };
}
