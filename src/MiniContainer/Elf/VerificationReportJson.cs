namespace MiniContainer.Elf;

/// <summary>
/// Writes the verification result as the JSON document described in docs/verify-report.md: camelCase
/// names in the records' order, enums as camelCase strings, nulls written, two-space indents.
/// </summary>
public static class VerificationReportJson
{
    /// <summary>Bumped when a field is removed or changes meaning; adding fields keeps the version.</summary>
    public const int SchemaVersion = 1;

    /// <summary>The report's fields in their documented order.</summary>
    internal sealed record Document(
        int SchemaVersion, bool Passed, IReadOnlyList<VerificationFinding> Findings, VerificationPolicy Policy,
        FileFacts File, FormatFacts Format, LinkingFacts Linking, DebugFacts Debug, LibcFacts Libc, GoFacts Go);

    public static string ToJson(VerificationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var report = result.Report;
        var document = new Document(SchemaVersion, result.Passed, result.Findings, result.Policy,
            report.File, report.Format, report.Linking, report.Debug, report.Libc, report.Go);
        return MiniContainerJsonContext.WriteText(document, MiniContainerJsonContext.Default.Document, MiniContainerJsonContext.Indented);
    }

    /// <summary>The report's path: next to the binary, named <c>&lt;binary&gt;.verify.json</c>.</summary>
    public static string PathFor(string binaryPath) => binaryPath + ".verify.json";
}
