namespace MiniContainer.Go;

/// <summary>Maps an ELF machine (with class and byte order) to the GOARCH that targets it.</summary>
internal static class GoArchitecture
{
    internal static string? FromElf(ushort machine, bool is64Bit, bool bigEndian) => machine switch
    {
        3 => "386",
        62 => "amd64",
        40 => "arm",
        183 => "arm64",
        8 when is64Bit => bigEndian ? "mips64" : "mips64le",
        8 => bigEndian ? "mips" : "mipsle",
        21 => bigEndian ? "ppc64" : "ppc64le",
        22 => "s390x",
        243 when is64Bit => "riscv64",
        258 => "loong64",
        _ => null,
    };

    internal static readonly IReadOnlySet<string> Known = new HashSet<string>(StringComparer.Ordinal)
    {
        "386", "amd64", "arm", "arm64", "mips", "mipsle", "mips64", "mips64le", "ppc64", "ppc64le", "s390x", "riscv64", "loong64",
    };
}
