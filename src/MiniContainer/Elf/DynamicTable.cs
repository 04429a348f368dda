namespace MiniContainer.Elf;

/// <summary>The entries of PT_DYNAMIC the loader acts on: NEEDED names (as string table offsets) and the string table.</summary>
internal sealed record DynamicTable(IReadOnlyList<ulong> NeededOffsets, ulong? StringTableAddress, ulong? StringTableSize)
{
    private const ulong TagNull = 0;
    private const ulong TagNeeded = 1;
    private const ulong TagStringTable = 5;
    private const ulong TagStringTableSize = 10;
    private const int MaxEntries = 1 << 16;
    private const int MaxNeeded = 1024;

    /// <summary>Parses the raw bytes of PT_DYNAMIC, stopping at DT_NULL; pure so it can be tested with crafted bytes.</summary>
    internal static DynamicTable Parse(ReadOnlySpan<byte> data, ElfHeader header)
    {
        var entrySize = 2 * header.WordSize;
        var needed = new List<ulong>();
        ulong? strtab = null;
        ulong? strsz = null;
        for (var i = 0; i < MaxEntries && (i + 1) * entrySize <= data.Length; i++)
        {
            var entry = data.Slice(i * entrySize, entrySize);
            var tag = header.ReadWord(entry);
            var value = header.ReadWord(entry[header.WordSize..]);
            if (tag == TagNull)
            {
                break;
            }

            switch (tag)
            {
                case TagNeeded when needed.Count < MaxNeeded:
                    needed.Add(value);
                    break;
                case TagStringTable:
                    strtab = value;
                    break;
                case TagStringTableSize:
                    strsz = value;
                    break;
            }
        }

        return new DynamicTable(needed, strtab, strsz);
    }
}
