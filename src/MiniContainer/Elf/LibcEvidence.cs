namespace MiniContainer.Elf;

/// <summary>What was found in a binary that tells which C library is inside; input to <see cref="LibcClassifier"/>.</summary>
internal sealed record LibcEvidence(
    Linkage Linkage,
    string? Interpreter,
    IReadOnlyList<string> Needed,
    IReadOnlyCollection<string> Strings,
    IReadOnlyCollection<string> Symbols,
    bool IsGoBinary,
    string? CgoEnabled);

/// <summary>The byte strings and symbols the verifier looks for, and what each one means.</summary>
internal static class LibcMarkers
{
    internal const string MuslStrError = "No error information";
    internal const string GlibcTunables = "GLIBC_TUNABLES";
    internal const string GlibcFatal = "Fatal glibc error";
    internal const string GlibcNssNext = "Illegal status in __nss_next.";

    internal static readonly IReadOnlyList<string> Strings = [MuslStrError, GlibcTunables, GlibcFatal, GlibcNssNext];

    internal static readonly IReadOnlySet<string> MuslSymbols = new HashSet<string>(StringComparer.Ordinal) { "__init_libc", "__libc_start_init", "__dls2", "__dls3" };

    internal static readonly IReadOnlySet<string> GlibcSymbols = new HashSet<string>(StringComparer.Ordinal) { "__libc_setup_tls", "_dl_relocate_static_pie", "__libc_init_secure", "_dl_non_dynamic_init" };

    internal const string NssSymbolPrefix = "__nss_";

    internal static bool IsMarkerSymbol(string name) =>
        name.StartsWith(NssSymbolPrefix, StringComparison.Ordinal) || MuslSymbols.Contains(name) || GlibcSymbols.Contains(name);
}
