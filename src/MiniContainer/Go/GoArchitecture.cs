namespace MiniContainer.Go;

/// <summary>The GOARCH names Go knows, and the GOARCH an ELF machine (with class and byte order) is built for.</summary>
public static class GoArchitecture
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

    /// <summary>Every GOARCH Go builds for: the one list that settings in the core and the hosts are checked against.</summary>
    public static readonly IReadOnlySet<string> Known = new HashSet<string>(StringComparer.Ordinal)
    {
        "386", "amd64", "arm", "arm64", "mips", "mipsle", "mips64", "mips64le", "ppc64", "ppc64le", "s390x", "riscv64", "loong64",
    };
}
