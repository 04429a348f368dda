using System.Buffers.Binary;

namespace MiniContainer.Elf;

/// <summary>The raw ELF file header fields the verifier needs before it trusts any table.</summary>
internal sealed record ElfHeader(
    bool Is64Bit,
    bool BigEndian,
    ushort Type,
    ushort Machine,
    ulong Entry,
    ulong ProgramHeaderOffset,
    ushort ProgramHeaderEntrySize,
    ushort ProgramHeaderCount,
    ulong SectionHeaderOffset,
    ushort SectionHeaderEntrySize,
    ushort SectionHeaderCount,
    ushort SectionNameTableIndex)
{
    internal const int IdentSize = 16;

    internal int HeaderSize => Is64Bit ? 64 : 52;

    internal int ExpectedProgramHeaderSize => Is64Bit ? 56 : 32;

    internal int ExpectedSectionHeaderSize => Is64Bit ? 64 : 40;

    internal ushort ReadUInt16(ReadOnlySpan<byte> data) =>
        BigEndian ? BinaryPrimitives.ReadUInt16BigEndian(data) : BinaryPrimitives.ReadUInt16LittleEndian(data);

    internal uint ReadUInt32(ReadOnlySpan<byte> data) =>
        BigEndian ? BinaryPrimitives.ReadUInt32BigEndian(data) : BinaryPrimitives.ReadUInt32LittleEndian(data);

    internal ulong ReadUInt64(ReadOnlySpan<byte> data) =>
        BigEndian ? BinaryPrimitives.ReadUInt64BigEndian(data) : BinaryPrimitives.ReadUInt64LittleEndian(data);

    /// <summary>Reads a word of the file's class: 4 bytes in ELF32, 8 in ELF64.</summary>
    internal ulong ReadWord(ReadOnlySpan<byte> data) => Is64Bit ? ReadUInt64(data) : ReadUInt32(data);

    internal int WordSize => Is64Bit ? 8 : 4;
}
