namespace MiniContainer.Elf;

/// <summary>Decides the libc flavour and the static-glibc NSS hazard from evidence, and says why.</summary>
internal static class LibcClassifier
{
    internal static LibcFacts Classify(LibcEvidence e)
    {
        var musl = new List<string>();
        var glibc = new List<string>();

        if (e.Interpreter is { } interpreter)
        {
            (interpreter.Contains("ld-musl", StringComparison.Ordinal) ? musl : interpreter.Contains("ld-linux", StringComparison.Ordinal) ? glibc : null)
                ?.Add($"interpreter {interpreter}");
        }

        foreach (var library in e.Needed)
        {
            if (library.StartsWith("libc.so.", StringComparison.Ordinal))
            {
                glibc.Add($"needs {library}");
            }
            else if (library == "libc.so" || library.StartsWith("libc.musl-", StringComparison.Ordinal))
            {
                musl.Add($"needs {library}");
            }
        }

        musl.AddRange(e.Symbols.Where(LibcMarkers.MuslSymbols.Contains).Select(s => $"symbol {s}"));
        glibc.AddRange(e.Symbols.Where(LibcMarkers.GlibcSymbols.Contains).Select(s => $"symbol {s}"));
        if (e.Strings.Contains(LibcMarkers.MuslStrError))
        {
            musl.Add($"string \"{LibcMarkers.MuslStrError}\" (musl's strerror)");
        }

        glibc.AddRange(e.Strings.Where(s => s is LibcMarkers.GlibcTunables or LibcMarkers.GlibcFatal).Select(s => $"string \"{s}\""));

        var nss = e.Symbols.Where(s => s.StartsWith(LibcMarkers.NssSymbolPrefix, StringComparison.Ordinal)).Take(5).Select(s => $"symbol {s}").ToList();
        if (e.Strings.Contains(LibcMarkers.GlibcNssNext))
        {
            nss.Add($"string \"{LibcMarkers.GlibcNssNext}\"");
        }

        var flavour = (musl.Count, glibc.Count) switch
        {
            (> 0, 0) => LibcFlavour.Musl,
            (0, > 0) => LibcFlavour.Glibc,
            (> 0, > 0) => musl.Any(IsLinkEvidence) || !glibc.Any(IsLinkEvidence) && musl.Count >= glibc.Count ? LibcFlavour.Musl : LibcFlavour.Glibc,
            _ => e.IsGoBinary && e.Linkage != Linkage.Dynamic ? LibcFlavour.None : LibcFlavour.Unknown,
        };

        var evidence = flavour switch
        {
            LibcFlavour.Musl => musl,
            LibcFlavour.Glibc => glibc,
            LibcFlavour.None when e.CgoEnabled == "0" => ["Go build setting CGO_ENABLED=0", "no libc markers found"],
            LibcFlavour.None => ["Go binary with no libc markers found"],
            _ => ["no libc markers found"],
        };

        var hazard = flavour == LibcFlavour.Glibc && e.Linkage != Linkage.Dynamic && nss.Count > 0;
        return new LibcFacts(flavour, evidence, hazard, hazard ? nss : []);
    }

    private static bool IsLinkEvidence(string evidence) =>
        evidence.StartsWith("interpreter ", StringComparison.Ordinal) || evidence.StartsWith("needs ", StringComparison.Ordinal);
}
