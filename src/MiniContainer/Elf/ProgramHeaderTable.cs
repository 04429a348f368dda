namespace MiniContainer.Elf;

/// <summary>Parses the program header table from raw bytes: the loader's view, read even when section headers are gone.</summary>
internal static class ProgramHeaderTable
{
    internal static IReadOnlyList<ElfSegment> Parse(ReadOnlySpan<byte> table, ElfHeader h)
    {
        var segments = new List<ElfSegment>(h.ProgramHeaderCount);
        for (var i = 0; i < h.ProgramHeaderCount && (i + 1) * h.ProgramHeaderEntrySize <= table.Length; i++)
        {
            var e = table.Slice(i * h.ProgramHeaderEntrySize, h.ProgramHeaderEntrySize);
            segments.Add(h.Is64Bit
                ? new ElfSegment(h.ReadUInt32(e), h.ReadUInt64(e[8..]), h.ReadUInt64(e[32..]), h.ReadUInt64(e[16..]), h.ReadUInt32(e[4..]))
                : new ElfSegment(h.ReadUInt32(e), h.ReadUInt32(e[4..]), h.ReadUInt32(e[16..]), h.ReadUInt32(e[8..]), h.ReadUInt32(e[24..])));
        }

        return segments;
    }
}
