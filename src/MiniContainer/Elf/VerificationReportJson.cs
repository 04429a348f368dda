using System.Text.Json;
using System.Text.Json.Serialization;

namespace MiniContainer.Elf;

/// <summary>Writes the verification result as the JSON document described in docs/verify-report.md.</summary>
public static class VerificationReportJson
{
    /// <summary>Bumped when a field is removed or changes meaning; adding fields keeps the version.</summary>
    public const int SchemaVersion = 1;

    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static string ToJson(VerificationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var document = new
        {
            schemaVersion = SchemaVersion,
            passed = result.Passed,
            findings = result.Findings,
            policy = result.Policy,
            file = result.Report.File,
            format = result.Report.Format,
            linking = result.Report.Linking,
            debug = result.Report.Debug,
            libc = result.Report.Libc,
            go = result.Report.Go,
        };
        return JsonSerializer.Serialize(document, Options);
    }

    /// <summary>The report's path: next to the binary, named <c>&lt;binary&gt;.verify.json</c>.</summary>
    public static string PathFor(string binaryPath) => binaryPath + ".verify.json";
}
