namespace MiniContainer.Elf;

/// <summary>The parts of an ELF file the verifier reasons about, independent of ELFSharp's generic types.</summary>
internal sealed record ElfImage(
    ElfHeader Header,
    long FileLength,
    string Class,
    string Endianness,
    string Machine,
    string Type,
    IReadOnlyList<ElfSection> Sections,
    IReadOnlyList<ElfSegment> Segments,
    bool HasSymbolTable,
    IReadOnlyList<string> MarkerSymbols);

internal sealed record ElfSection(string Name, uint Type, ulong Offset, ulong Size, ulong Flags)
{
    internal const uint NoBits = 8;

    internal bool HasFileContents => Type != NoBits && Size > 0;
}

internal sealed record ElfSegment(uint Type, ulong Offset, ulong FileSize, ulong VirtualAddress, uint Flags)
{
    internal const uint Load = 1;
    internal const uint Dynamic = 2;
    internal const uint Interpreter = 3;
    internal const uint FlagExecute = 1;
    internal const uint FlagWrite = 2;

    /// <summary>The file offset of a virtual address inside this segment's file image, or null.</summary>
    internal ulong? FileOffsetOf(ulong address) =>
        Type == Load && address >= VirtualAddress && address - VirtualAddress < FileSize ? Offset + (address - VirtualAddress) : null;
}
