using System.Text.Json;
using System.Text.Json.Serialization;

namespace MiniContainer.Elf;

/// <summary>Writes the verification result as the JSON document described in docs/verify-report.md.</summary>
public static class VerificationReportJson
{
    /// <summary>Bumped when a field is removed or changes meaning; adding fields keeps the version.</summary>
    public const int SchemaVersion = 1;

    public static string ToJson(VerificationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var report = result.Report;
        var document = new VerificationReportDocument(
            SchemaVersion, result.Passed, result.Findings, result.Policy, report.File, report.Format, report.Linking, report.Debug, report.Libc, report.Go);
        return JsonSerializer.Serialize(document, VerificationReportJsonContext.Default.VerificationReportDocument);
    }

    /// <summary>The report's path: next to the binary, named <c>&lt;binary&gt;.verify.json</c>.</summary>
    public static string PathFor(string binaryPath) => binaryPath + ".verify.json";
}

/// <summary>The report's top level, in the documented field order.</summary>
internal sealed record VerificationReportDocument(
    int SchemaVersion, bool Passed, IReadOnlyList<VerificationFinding> Findings, VerificationPolicy Policy,
    FileFacts File, FormatFacts Format, LinkingFacts Linking, DebugFacts Debug, LibcFacts Libc, GoFacts Go);

/// <summary>Enums as camelCase strings ("static", "musl").</summary>
internal sealed class CamelCaseEnumConverter<TEnum>() : JsonStringEnumConverter<TEnum>(JsonNamingPolicy.CamelCase) where TEnum : struct, Enum;

// Generated at compile time: no reflection over the report's types when a build writes it.
[JsonSourceGenerationOptions(
    WriteIndented = true,
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    Converters = [typeof(CamelCaseEnumConverter<Linkage>), typeof(CamelCaseEnumConverter<LibcFlavour>), typeof(CamelCaseEnumConverter<FindingSeverity>)])]
[JsonSerializable(typeof(VerificationReportDocument))]
internal sealed partial class VerificationReportJsonContext : JsonSerializerContext;
