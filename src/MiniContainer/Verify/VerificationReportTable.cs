using System.Text;
using MiniContainer.Elf;

namespace MiniContainer.Verify;

/// <summary>Renders the short console table of a verification result.</summary>
internal static class VerificationReportTable
{
    internal static string Render(VerificationResult result)
    {
        var r = result.Report;
        var rows = new List<(string, string)>
        {
            ("file", $"{r.File.Path} ({r.File.Size:N0} bytes)"),
            ("format", $"{r.Format.Class} {r.Format.Endianness}-endian {r.Format.Machine} {r.Format.Type}, GOARCH {r.Format.GoArch ?? "-"}, entry 0x{r.Format.EntryPoint:x}"),
            ("linking", DescribeLinking(r.Linking)),
            ("libc", $"{r.Libc.Flavour.ToString().ToLowerInvariant()} ({string.Join("; ", r.Libc.Evidence)})" + (r.Libc.NssHazard ? " NSS HAZARD" : string.Empty)),
            ("debug", r.Debug.HasDebugInfo ? $"{r.Debug.DebugSections.Count} sections, {r.Debug.DebugBytes:N0} bytes" : "none"),
            ("symbols", r.Debug.HasSymbolTable ? "symbol table present" : "stripped"),
            ("go", DescribeGo(r.Go)),
        };

        foreach (var finding in result.Findings)
        {
            rows.Add((finding.Severity == FindingSeverity.Error ? "ERROR" : "warning", finding.Message));
        }

        rows.Add(("result", result.Passed ? "PASSED" : "FAILED"));
        var width = rows.Max(row => row.Item1.Length);
        var text = new StringBuilder();
        foreach (var (name, value) in rows)
        {
            text.Append("  ").Append(name.PadRight(width)).Append("  ").AppendLine(value);
        }

        return text.ToString().TrimEnd();
    }

    private static string DescribeLinking(LinkingFacts linking) => linking.Linkage switch
    {
        Linkage.Static => "static",
        Linkage.StaticPie => "static-pie (PT_DYNAMIC, no interpreter, no NEEDED)",
        _ => $"DYNAMIC: interpreter {linking.Interpreter ?? "none"}, needs [{string.Join(", ", linking.Needed)}]",
    };

    private static string DescribeGo(GoFacts go)
    {
        if (go.BuildInfo is not { } info)
        {
            return go.Problem ?? "not a Go binary";
        }

        var settings = new[] { "CGO_ENABLED", "GOOS", "GOARCH", "-ldflags", "-tags", "-trimpath", "vcs.revision", "vcs.modified" }
            .Select(key => info.Setting(key) is { } value ? $"{key}={value}" : null)
            .OfType<string>();
        return $"{info.GoVersion} {info.Main?.Path ?? info.Path} {info.Main?.Version}, {info.Dependencies.Count} deps; {string.Join(" ", settings)}";
    }
}
