using System.Buffers.Binary;

namespace MiniContainer.Tests.Elf;

/// <summary>Crafts minimal ELF64 little-endian files in memory for malformed-input tests.</summary>
internal sealed class ElfBytes
{
    private readonly List<(uint Type, ulong Offset, ulong FileSize, ulong Address, uint Flags)> segments = [];
    private readonly List<byte> payload = [];

    public ushort Type { get; set; } = 2;

    public ushort Machine { get; set; } = 62;

    public ElfBytes Segment(uint type, byte[] contents, ulong address = 0x400000, uint flags = 4)
    {
        segments.Add((type, (ulong)payload.Count, (ulong)contents.Length, address, flags));
        payload.AddRange(contents);
        return this;
    }

    /// <summary>An ELF header, the program headers right after it, then the segment contents; no section headers.</summary>
    public byte[] Build()
    {
        const int headerSize = 64;
        const int phSize = 56;
        var payloadStart = headerSize + (segments.Count * phSize);
        var bytes = new byte[payloadStart + payload.Count];
        bytes[0] = 0x7f;
        bytes[1] = (byte)'E';
        bytes[2] = (byte)'L';
        bytes[3] = (byte)'F';
        bytes[4] = 2;
        bytes[5] = 1;
        bytes[6] = 1;
        var span = bytes.AsSpan();
        BinaryPrimitives.WriteUInt16LittleEndian(span[16..], Type);
        BinaryPrimitives.WriteUInt16LittleEndian(span[18..], Machine);
        BinaryPrimitives.WriteUInt32LittleEndian(span[20..], 1);
        BinaryPrimitives.WriteUInt64LittleEndian(span[24..], 0x401000);
        BinaryPrimitives.WriteUInt64LittleEndian(span[32..], segments.Count > 0 ? headerSize : 0UL);
        BinaryPrimitives.WriteUInt16LittleEndian(span[52..], headerSize);
        BinaryPrimitives.WriteUInt16LittleEndian(span[54..], phSize);
        BinaryPrimitives.WriteUInt16LittleEndian(span[56..], (ushort)segments.Count);
        BinaryPrimitives.WriteUInt16LittleEndian(span[58..], 64);
        for (var i = 0; i < segments.Count; i++)
        {
            var ph = span[(headerSize + (i * phSize))..];
            var (type, offset, fileSize, address, flags) = segments[i];
            BinaryPrimitives.WriteUInt32LittleEndian(ph, type);
            BinaryPrimitives.WriteUInt32LittleEndian(ph[4..], flags);
            BinaryPrimitives.WriteUInt64LittleEndian(ph[8..], (ulong)payloadStart + offset);
            BinaryPrimitives.WriteUInt64LittleEndian(ph[16..], address);
            BinaryPrimitives.WriteUInt64LittleEndian(ph[24..], address);
            BinaryPrimitives.WriteUInt64LittleEndian(ph[32..], fileSize);
            BinaryPrimitives.WriteUInt64LittleEndian(ph[40..], fileSize);
            BinaryPrimitives.WriteUInt64LittleEndian(ph[48..], 8);
        }

        payload.CopyTo(bytes, payloadStart);
        return bytes;
    }
}
