using System.Text;
using System.Text.Json;
using MiniContainer.Elf;

namespace MiniContainer.Verify;

/// <summary>
/// Writes the verification result as the JSON document described in docs/verify-report.md: camelCase
/// names in the records' order, enums as camelCase strings, nulls written, two-space indents.
/// Written field by field with <see cref="Utf8JsonWriter"/>: the serializer's first use in a build
/// process cost ~50 ms, more than the verification itself.
/// </summary>
public static class VerificationReportJson
{
    /// <summary>Bumped when a field is removed or changes meaning; adding fields keeps the version.</summary>
    public const int SchemaVersion = 1;

    public static string ToJson(VerificationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var report = result.Report;
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteNumber("schemaVersion", SchemaVersion);
            json.WriteBoolean("passed", result.Passed);
            json.WriteStartArray("findings");
            foreach (var finding in result.Findings)
            {
                json.WriteStartObject();
                json.WriteString("severity", Camel(finding.Severity.ToString()));
                json.WriteString("code", finding.Code);
                json.WriteString("message", finding.Message);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            WritePolicy(json, result.Policy);

            json.WriteStartObject("file");
            json.WriteString("path", report.File.Path);
            json.WriteNumber("size", report.File.Size);
            json.WriteEndObject();

            var format = report.Format;
            json.WriteStartObject("format");
            json.WriteString("class", format.Class);
            json.WriteString("endianness", format.Endianness);
            json.WriteString("machine", format.Machine);
            json.WriteNumber("machineCode", format.MachineCode);
            json.WriteString("goArch", format.GoArch);
            json.WriteString("type", format.Type);
            json.WriteNumber("entryPoint", format.EntryPoint);
            json.WriteEndObject();

            var linking = report.Linking;
            json.WriteStartObject("linking");
            json.WriteString("linkage", Camel(linking.Linkage.ToString()));
            json.WriteString("interpreter", linking.Interpreter);
            WriteStrings(json, "needed", linking.Needed);
            json.WriteBoolean("hasDynamicSegment", linking.HasDynamicSegment);
            json.WriteEndObject();

            var debug = report.Debug;
            json.WriteStartObject("debug");
            json.WriteBoolean("hasDebugInfo", debug.HasDebugInfo);
            WriteStrings(json, "debugSections", debug.DebugSections);
            json.WriteNumber("debugBytes", debug.DebugBytes);
            json.WriteBoolean("hasSymbolTable", debug.HasSymbolTable);
            json.WriteBoolean("stripped", debug.Stripped);
            json.WriteEndObject();

            var libc = report.Libc;
            json.WriteStartObject("libc");
            json.WriteString("flavour", Camel(libc.Flavour.ToString()));
            WriteStrings(json, "evidence", libc.Evidence);
            json.WriteBoolean("nssHazard", libc.NssHazard);
            WriteStrings(json, "nssEvidence", libc.NssEvidence);
            json.WriteEndObject();

            json.WriteStartObject("go");
            json.WriteBoolean("isGoBinary", report.Go.IsGoBinary);
            WriteBuildInfo(json, report.Go.BuildInfo);
            json.WriteString("problem", report.Go.Problem);
            json.WriteEndObject();
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>The report's path: next to the binary, named <c>&lt;binary&gt;.verify.json</c>.</summary>
    public static string PathFor(string binaryPath) => binaryPath + ".verify.json";

    private static void WritePolicy(Utf8JsonWriter json, VerificationPolicy policy)
    {
        json.WriteStartObject("policy");
        json.WriteString("expectedGoArch", policy.ExpectedGoArch);
        json.WriteBoolean("requireStatic", policy.RequireStatic);
        json.WriteBoolean("stripDwarfRequested", policy.StripDwarfRequested);
        json.WriteBoolean("stripSymbolsRequested", policy.StripSymbolsRequested);
        json.WriteBoolean("debugInfoIsError", policy.DebugInfoIsError);
        json.WriteBoolean("failOnGlibcNss", policy.FailOnGlibcNss);
        json.WriteBoolean("expectGoBinary", policy.ExpectGoBinary);
        json.WriteEndObject();
    }

    private static void WriteBuildInfo(Utf8JsonWriter json, GoBuildInfo? info)
    {
        if (info is null)
        {
            json.WriteNull("buildInfo");
            return;
        }
        json.WriteStartObject("buildInfo");
        json.WriteString("goVersion", info.GoVersion);
        json.WriteString("path", info.Path);
        json.WritePropertyName("main");
        WriteModule(json, info.Main);
        json.WriteStartArray("dependencies");
        foreach (var dependency in info.Dependencies) WriteModule(json, dependency);
        json.WriteEndArray();
        json.WriteStartArray("settings");
        foreach (var setting in info.Settings)
        {
            json.WriteStartObject();
            json.WriteString("key", setting.Key);
            json.WriteString("value", setting.Value);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteModule(Utf8JsonWriter json, GoModuleVersion? module)
    {
        if (module is null)
        {
            json.WriteNullValue();
            return;
        }
        json.WriteStartObject();
        json.WriteString("path", module.Path);
        json.WriteString("version", module.Version);
        json.WriteString("sum", module.Sum);
        json.WritePropertyName("replacement");
        WriteModule(json, module.Replacement);
        json.WriteEndObject();
    }

    private static void WriteStrings(Utf8JsonWriter json, string name, IReadOnlyList<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values) json.WriteStringValue(value);
        json.WriteEndArray();
    }

    // JsonNamingPolicy.CamelCase on an enum member name: "StaticPie" -> "staticPie".
    private static string Camel(string name) => name.Length == 0 ? name : char.ToLowerInvariant(name[0]) + name[1..];
}
