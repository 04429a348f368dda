using System.Text.Json;
using System.Text.Json.Nodes;
using MiniContainer.Pipeline;
using MiniContainer.SmokeTest;

namespace MiniContainer.BuildServer;

/// <summary>
/// A build script's settings as they reach the build server: every <see cref="PipelineScript"/> property by the
/// serializer (a property added later travels without a change here), and what a host's subclass adds through
/// its overrides: how messages name the settings and each binary's smoke test.
/// </summary>
public sealed class ScriptSnapshot : PipelineScript
{
    /// <summary>How messages name these settings, as the build's own script said.</summary>
    public string DescribedAs { get; set; } = "the build script's settings";

    public override string Describe => DescribedAs;

    /// <summary>The smoke test of a binary without its own entry.</summary>
    public SmokeTestSpec? DefaultSmokeTest { get; set; }

    /// <summary>The smoke test of each binary the script names.</summary>
    public Dictionary<string, SmokeTestSpec?> SmokeTests { get; set; } = new(StringComparer.Ordinal);

    public override SmokeTestSpec? SmokeTestFor(string binary) => SmokeTests.TryGetValue(binary, out var own) ? own : DefaultSmokeTest;

    /// <summary>
    /// Writes the script into a step request: its properties as "script", the name messages use and the smoke tests its
    /// overrides answer beside it. Through the generated fast path (no metadata is built), as every build pays its first use.
    /// </summary>
    public static void Write(Utf8JsonWriter writer, PipelineScript script)
    {
        writer.WritePropertyName("script");
        JsonSerializer.Serialize(writer, script, BuildServerWriteContext.Default.PipelineScript);
        writer.WriteString(nameof(DescribedAs), script.Describe);
        writer.WritePropertyName(nameof(DefaultSmokeTest));
        WriteSmokeTest(writer, script.SmokeTestFor(""));
        writer.WriteStartObject(nameof(SmokeTests));
        var written = new HashSet<string>(StringComparer.Ordinal);
        foreach (var binary in script.SmokeTestBinaries)
        {
            if (!written.Add(binary)) continue;
            writer.WritePropertyName(binary);
            WriteSmokeTest(writer, script.SmokeTestFor(binary));
        }
        writer.WriteEndObject();
    }

    private static void WriteSmokeTest(Utf8JsonWriter writer, SmokeTestSpec? spec)
    {
        if (spec is null) writer.WriteNullValue();
        else JsonSerializer.Serialize(writer, spec, BuildServerWriteContext.Default.SmokeTestSpec);
    }

    /// <exception cref="BuildServerProtocolException">Not a script.</exception>
    public static ScriptSnapshot Read(JsonObject request)
    {
        try
        {
            var snapshot = request["script"].Deserialize(BuildServerJsonContext.Default.ScriptSnapshot) ?? throw new BuildServerProtocolException("the step's request has no build script settings");
            snapshot.DescribedAs = request.Text(nameof(DescribedAs)) ?? snapshot.DescribedAs;
            snapshot.DefaultSmokeTest = request[nameof(DefaultSmokeTest)].Deserialize(BuildServerJsonContext.Default.SmokeTestSpec);
            if (request[nameof(SmokeTests)] is JsonObject smokeTests)
                foreach (var (binary, spec) in smokeTests) snapshot.SmokeTests[binary] = spec.Deserialize(BuildServerJsonContext.Default.SmokeTestSpec);
            return snapshot;
        }
        catch (System.Text.Json.JsonException e)
        {
            throw new BuildServerProtocolException($"the step's build script settings cannot be read: {e.Message}");
        }
    }
}
