namespace MiniContainer.Elf;

/// <summary>
/// Checks the ELF header and every program and section header against the file's length before ELFSharp
/// reads them, so corrupted or truncated files end in a clear message instead of a crash, a hang or a huge allocation.
/// </summary>
internal static class ElfStructureGuard
{
    private const uint SectionTypeNoBits = 8;
    private const int MaxTableEntries = 65_535;

    /// <summary>Returns the problem with the file's structure, or null when every table lies inside the file.</summary>
    internal static string? FindProblem(ReadOnlySpan<byte> ident, long fileLength, Func<long, int, byte[]> read, out ElfHeader? header)
    {
        header = null;
        if (fileLength == 0)
        {
            return "the file is empty (0 bytes)";
        }

        if (ident.Length < 4 || ident[0] != 0x7f || ident[1] != (byte)'E' || ident[2] != (byte)'L' || ident[3] != (byte)'F')
        {
            var start = Convert.ToHexString(ident[..Math.Min(4, ident.Length)]);
            return $"not an ELF file (it starts with 0x{start}, an ELF file starts with 0x7F454C46)";
        }

        if (ident.Length < ElfHeader.IdentSize)
        {
            return $"truncated: {fileLength} bytes is shorter than the ELF identification (16 bytes)";
        }

        if (ident[4] is not (1 or 2))
        {
            return $"corrupted ELF header: unknown class {ident[4]} (expected 1 for ELF32 or 2 for ELF64)";
        }

        if (ident[5] is not (1 or 2))
        {
            return $"corrupted ELF header: unknown data encoding {ident[5]} (expected 1 little-endian or 2 big-endian)";
        }

        var is64 = ident[4] == 2;
        var headerSize = is64 ? 64 : 52;
        if (fileLength < headerSize)
        {
            return $"truncated: {fileLength} bytes is shorter than the ELF header ({headerSize} bytes)";
        }

        var raw = read(0, headerSize);
        var h = Parse(raw, is64, ident[5] == 2);
        header = h;

        if (h.ProgramHeaderCount > 0)
        {
            if (h.ProgramHeaderEntrySize != h.ExpectedProgramHeaderSize)
            {
                return $"corrupted ELF header: program header entry size {h.ProgramHeaderEntrySize}, expected {h.ExpectedProgramHeaderSize}";
            }

            if (!Fits(h.ProgramHeaderOffset, (ulong)h.ProgramHeaderCount * h.ProgramHeaderEntrySize, fileLength))
            {
                return $"the program header table ({h.ProgramHeaderCount} entries at offset {h.ProgramHeaderOffset}) lies past the end of the file ({fileLength} bytes): truncated or corrupted";
            }

            var problem = CheckProgramHeaders(h, read(checked((long)h.ProgramHeaderOffset), h.ProgramHeaderCount * h.ProgramHeaderEntrySize), fileLength);
            if (problem is not null)
            {
                return problem;
            }
        }

        if (h.SectionHeaderOffset != 0 || h.SectionHeaderCount != 0)
        {
            if (h.SectionHeaderCount == 0 || h.SectionHeaderCount > MaxTableEntries - 256)
            {
                return $"unsupported or corrupted section count {h.SectionHeaderCount} (section header table at offset {h.SectionHeaderOffset})";
            }

            if (h.SectionHeaderEntrySize != h.ExpectedSectionHeaderSize)
            {
                return $"corrupted ELF header: section header entry size {h.SectionHeaderEntrySize}, expected {h.ExpectedSectionHeaderSize}";
            }

            if (!Fits(h.SectionHeaderOffset, (ulong)h.SectionHeaderCount * h.SectionHeaderEntrySize, fileLength))
            {
                return $"the section header table ({h.SectionHeaderCount} entries at offset {h.SectionHeaderOffset}) lies past the end of the file ({fileLength} bytes): truncated or corrupted";
            }

            if (h.SectionNameTableIndex >= h.SectionHeaderCount)
            {
                return $"corrupted ELF header: section name table index {h.SectionNameTableIndex} is not below the section count {h.SectionHeaderCount}";
            }

            var problem = CheckSectionHeaders(h, read(checked((long)h.SectionHeaderOffset), h.SectionHeaderCount * h.SectionHeaderEntrySize), fileLength);
            if (problem is not null)
            {
                return problem;
            }
        }

        return null;
    }

    internal static ElfHeader Parse(ReadOnlySpan<byte> raw, bool is64, bool bigEndian)
    {
        var probe = new ElfHeader(is64, bigEndian, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        var w = probe.WordSize;
        var afterEntry = 24 + w;
        return probe with
        {
            Type = probe.ReadUInt16(raw[16..]),
            Machine = probe.ReadUInt16(raw[18..]),
            Entry = probe.ReadWord(raw[24..]),
            ProgramHeaderOffset = probe.ReadWord(raw[afterEntry..]),
            SectionHeaderOffset = probe.ReadWord(raw[(afterEntry + w)..]),
            ProgramHeaderEntrySize = probe.ReadUInt16(raw[(afterEntry + (2 * w) + 6)..]),
            ProgramHeaderCount = probe.ReadUInt16(raw[(afterEntry + (2 * w) + 8)..]),
            SectionHeaderEntrySize = probe.ReadUInt16(raw[(afterEntry + (2 * w) + 10)..]),
            SectionHeaderCount = probe.ReadUInt16(raw[(afterEntry + (2 * w) + 12)..]),
            SectionNameTableIndex = probe.ReadUInt16(raw[(afterEntry + (2 * w) + 14)..]),
        };
    }

    private static string? CheckProgramHeaders(ElfHeader h, ReadOnlySpan<byte> table, long fileLength)
    {
        for (var i = 0; i < h.ProgramHeaderCount; i++)
        {
            var entry = table.Slice(i * h.ProgramHeaderEntrySize, h.ProgramHeaderEntrySize);
            var (offset, fileSize) = h.Is64Bit
                ? (h.ReadUInt64(entry[8..]), h.ReadUInt64(entry[32..]))
                : (h.ReadUInt32(entry[4..]), (ulong)h.ReadUInt32(entry[16..]));
            if (fileSize > 0 && !Fits(offset, fileSize, fileLength))
            {
                return $"program header {i} (type 0x{h.ReadUInt32(entry):x}) claims bytes {offset}..{offset + fileSize} but the file has {fileLength} bytes: truncated or corrupted";
            }
        }

        return null;
    }

    private static string? CheckSectionHeaders(ElfHeader h, ReadOnlySpan<byte> table, long fileLength)
    {
        for (var i = 0; i < h.SectionHeaderCount; i++)
        {
            var entry = table.Slice(i * h.SectionHeaderEntrySize, h.SectionHeaderEntrySize);
            var type = h.ReadUInt32(entry[4..]);
            var (offset, size, link) = h.Is64Bit
                ? (h.ReadUInt64(entry[24..]), h.ReadUInt64(entry[32..]), h.ReadUInt32(entry[40..]))
                : (h.ReadUInt32(entry[16..]), (ulong)h.ReadUInt32(entry[20..]), h.ReadUInt32(entry[24..]));
            if (type != SectionTypeNoBits && size > 0 && !Fits(offset, size, fileLength))
            {
                return $"section {i} claims bytes {offset}..{offset + size} but the file has {fileLength} bytes: truncated or corrupted";
            }

            if (link >= h.SectionHeaderCount && type is 2 or 6 or 11)
            {
                return $"section {i} links to section {link}, which does not exist: corrupted section header table";
            }
        }

        return null;
    }

    private static bool Fits(ulong offset, ulong length, long fileLength) =>
        offset <= (ulong)fileLength && length <= (ulong)fileLength - offset;
}
