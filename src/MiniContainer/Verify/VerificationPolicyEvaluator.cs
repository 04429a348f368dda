using MiniContainer.Elf;

namespace MiniContainer.Verify;

/// <summary>Judges a report against a policy; pure, so every rule is tested without a binary.</summary>
internal static class VerificationPolicyEvaluator
{
    internal static IReadOnlyList<VerificationFinding> Evaluate(BinaryReport report, VerificationPolicy policy)
    {
        var findings = new List<VerificationFinding>();
        if (policy.RequireStatic && report.Linking.Linkage == Linkage.Dynamic)
        {
            findings.Add(new VerificationFinding(FindingSeverity.Error, "dynamic", DescribeDynamic(report)));
        }

        if (policy.ExpectedGoArch is { } expected && report.Format.GoArch != expected)
        {
            findings.Add(new VerificationFinding(
                FindingSeverity.Error,
                "wrong-arch",
                $"The binary is {report.Format.Class} {report.Format.Machine} (GOARCH {report.Format.GoArch ?? "unknown"}) but GOARCH={expected} was expected: "
                + $"set GOARCH={expected} for the build, or expect {report.Format.GoArch ?? report.Format.Machine}."));
        }

        if (policy.FailOnGlibcNss && report.Libc.NssHazard)
        {
            findings.Add(new VerificationFinding(
                FindingSeverity.Error,
                "glibc-nss",
                "glibc's NSS code (getaddrinfo, getpwuid_r...) is linked statically: at run time it still loads libnss_*.so from the same glibc version, "
                + $"which a minimal image does not have ({string.Join(", ", report.Libc.NssEvidence)}). "
                + "Build with musl (CC=musl-gcc, as on Alpine), or use CGO_ENABLED=0 or -tags netgo,osusergo."));
        }

        if ((policy.StripDwarfRequested || policy.StripSymbolsRequested) && report.Debug.HasDebugInfo)
        {
            var remain = $"{report.Debug.DebugSections.Count} debug sections ({report.Debug.DebugBytes:N0} bytes) remain";
            findings.Add(new VerificationFinding(
                policy.DebugInfoIsError ? FindingSeverity.Error : FindingSeverity.Warning,
                "debug-info",
                policy.StripSymbolsRequested
                    ? $"-s was requested but {remain}: the linker kept them; check that nothing later in the -ldflags turns -s off, and that the C compiler's linker honours -s."
                    : $"-w was requested but {remain}, from the C objects linked in (-w only drops Go's DWARF): add -s to the -ldflags to remove them "
                      + "(the recipe's --strip-symbols, on unless set to false)."));
        }

        if (policy.ExpectGoBinary && report.Go.BuildInfo is null)
        {
            findings.Add(new VerificationFinding(
                FindingSeverity.Warning,
                "not-go",
                $"No Go build info could be read ({report.Go.Problem}): check that this is the binary the Compile step produced."));
        }

        return findings;
    }

    private static string DescribeDynamic(BinaryReport report)
    {
        var linking = report.Linking;
        var parts = new List<string>();
        if (linking.Interpreter is not null)
        {
            parts.Add($"interpreter {linking.Interpreter}");
        }

        if (linking.Needed.Count > 0)
        {
            parts.Add($"needs {string.Join(", ", linking.Needed)}");
        }

        var cause = report.Libc.Flavour switch
        {
            LibcFlavour.Glibc => "It was linked against glibc dynamically: the compiler is a glibc toolchain (use musl-gcc, as on Alpine) "
                + "and/or the -ldflags lack -linkmode external -extldflags \"-static\".",
            LibcFlavour.Musl when report.Format.Type == "DYN" => "musl's linker produced a dynamic PIE although a static one may have been asked "
                + "(-buildmode=pie with -extldflags -static-pie does that with musl-gcc): drop -buildmode=pie and link with -extldflags \"-static\".",
            _ => "The -ldflags likely lack -linkmode external -extldflags \"-static\" (or use CGO_ENABLED=0 for a pure Go build).",
        };
        return $"The binary is dynamically linked ({string.Join("; ", parts)}) and will not start in a minimal image. {cause}";
    }
}
