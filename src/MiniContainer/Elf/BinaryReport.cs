namespace MiniContainer.Elf;

/// <summary>Everything the verifier learned about one binary; serialised as the JSON report.</summary>
public sealed record BinaryReport(
    FileFacts File,
    FormatFacts Format,
    LinkingFacts Linking,
    DebugFacts Debug,
    LibcFacts Libc,
    GoFacts Go);

public sealed record FileFacts(string Path, long Size);

/// <param name="Class">"ELF32" or "ELF64".</param>
/// <param name="Endianness">"little" or "big".</param>
/// <param name="Machine">ELF machine name, e.g. "AMD64", "AArch64".</param>
/// <param name="GoArch">The GOARCH this machine corresponds to, or null when there is none.</param>
/// <param name="Type">"EXEC", "DYN", "REL", "CORE" or "NONE".</param>
public sealed record FormatFacts(string Class, string Endianness, string Machine, int MachineCode, string? GoArch, string Type, ulong EntryPoint);

/// <summary>How the binary is linked, judged from what the loader reads (program headers), not from build flags.</summary>
public sealed record LinkingFacts(Linkage Linkage, string? Interpreter, IReadOnlyList<string> Needed, bool HasDynamicSegment);

public enum Linkage
{
    Static,
    StaticPie,
    Dynamic,
}

public sealed record DebugFacts(bool HasDebugInfo, IReadOnlyList<string> DebugSections, long DebugBytes, bool HasSymbolTable)
{
    public bool Stripped => !HasSymbolTable;
}

/// <param name="NssHazard">glibc's NSS code is linked statically: it loads glibc's shared NSS modules at run time.</param>
public sealed record LibcFacts(LibcFlavour Flavour, IReadOnlyList<string> Evidence, bool NssHazard, IReadOnlyList<string> NssEvidence);

public enum LibcFlavour
{
    Unknown,
    None,
    Musl,
    Glibc,
}

/// <param name="IsGoBinary">False when the file has no Go build info.</param>
/// <param name="Problem">Why build info is missing or unreadable, when it is.</param>
public sealed record GoFacts(bool IsGoBinary, GoBuildInfo? BuildInfo, string? Problem);
