using System.Buffers.Binary;
using System.Text;

namespace MiniContainer.Elf;

/// <summary>Decodes the <c>.go.buildinfo</c> blob: the header, the Go version and the framed modinfo text.</summary>
internal static class GoBuildInfoBlobParser
{

    private static readonly byte[] MagicBytes = [0xff, .. " Go buildinf:"u8];
    private const int HeaderSize = 32;
    private const int Alignment = 16;
    private const byte FlagsVersionInline = 0x2;
    private const int MaxStringLength = 16 << 20;

    /// <summary>Reads <paramref name="length"/> bytes of the program's memory image at a virtual address, or null when unmapped.</summary>
    internal delegate byte[]? MemoryReader(ulong address, int length);

    /// <summary>Finds the build info header in a data blob (16-byte aligned, as the Go linker places it) and decodes it.</summary>
    internal static GoBuildInfoParseResult Parse(ReadOnlySpan<byte> blob, MemoryReader? readMemory)
    {
        var start = FindHeader(blob);
        if (start < 0)
        {
            return GoBuildInfoParseResult.Missing("no Go build info header (\"\\xff Go buildinf:\")");
        }

        var data = blob[start..];
        if (data.Length < HeaderSize)
        {
            return GoBuildInfoParseResult.Broken("the Go build info header is truncated");
        }

        int pointerSize = data[14];
        var flags = data[15];
        string? version;
        string? modInfo;
        if ((flags & FlagsVersionInline) != 0)
        {
            var rest = data[HeaderSize..];
            version = ReadInlineString(ref rest);
            modInfo = version is null ? null : ReadInlineString(ref rest);
        }
        else
        {
            if (pointerSize is not (4 or 8) || data.Length < 16 + (2 * pointerSize))
            {
                return GoBuildInfoParseResult.Broken($"unsupported pointer size {pointerSize} in the Go build info header");
            }

            if (readMemory is null)
            {
                return GoBuildInfoParseResult.Broken("old (Go < 1.18) pointer-based build info needs the memory image");
            }

            var bigEndian = (flags & 0x1) != 0;
            version = ReadPointedString(ReadPointer(data[16..], pointerSize, bigEndian), pointerSize, bigEndian, readMemory);
            modInfo = ReadPointedString(ReadPointer(data[(16 + pointerSize)..], pointerSize, bigEndian), pointerSize, bigEndian, readMemory);
        }

        if (string.IsNullOrEmpty(version))
        {
            return GoBuildInfoParseResult.Broken("the Go version string in the build info is missing or cut off");
        }

        modInfo ??= string.Empty;
        // The modinfo text is framed by two 16-byte sentinels; the last byte before the closing one is a newline.
        modInfo = modInfo.Length >= 33 && modInfo[^17] == '\n' ? modInfo[16..^16] : string.Empty;

        return ModInfoParser.TryParse(version, modInfo, out var info, out var problem)
            ? GoBuildInfoParseResult.Found(info)
            : GoBuildInfoParseResult.Broken(problem);
    }

    private static int FindHeader(ReadOnlySpan<byte> blob)
    {
        for (var offset = 0; offset + MagicBytes.Length <= blob.Length; offset += Alignment)
        {
            var found = blob[offset..].IndexOf(MagicBytes);
            if (found < 0)
            {
                return -1;
            }

            offset += found;
            if (offset % Alignment == 0)
            {
                return offset;
            }

            offset -= offset % Alignment;
        }

        return -1;
    }

    private static string? ReadInlineString(ref ReadOnlySpan<byte> data)
    {
        if (!TryReadUvarint(data, out var length, out var used) || length > (ulong)(data.Length - used))
        {
            return null;
        }

        var text = Encoding.UTF8.GetString(data.Slice(used, (int)length));
        data = data[(used + (int)length)..];
        return text;
    }

    internal static bool TryReadUvarint(ReadOnlySpan<byte> data, out ulong value, out int used)
    {
        value = 0;
        for (var i = 0; i < data.Length && i < 10; i++)
        {
            value |= (ulong)(data[i] & 0x7f) << (7 * i);
            if (data[i] < 0x80)
            {
                used = i + 1;
                return true;
            }
        }

        used = 0;
        return false;
    }

    private static ulong ReadPointer(ReadOnlySpan<byte> data, int pointerSize, bool bigEndian) => (pointerSize, bigEndian) switch
    {
        (4, false) => BinaryPrimitives.ReadUInt32LittleEndian(data),
        (4, true) => BinaryPrimitives.ReadUInt32BigEndian(data),
        (_, false) => BinaryPrimitives.ReadUInt64LittleEndian(data),
        _ => BinaryPrimitives.ReadUInt64BigEndian(data),
    };

    // A Go string header in memory is {data pointer, length}.
    private static string? ReadPointedString(ulong headerAddress, int pointerSize, bool bigEndian, MemoryReader readMemory)
    {
        var header = readMemory(headerAddress, 2 * pointerSize);
        if (header is null || header.Length < 2 * pointerSize)
        {
            return null;
        }

        var dataAddress = ReadPointer(header, pointerSize, bigEndian);
        var length = ReadPointer(header.AsSpan(pointerSize), pointerSize, bigEndian);
        if (length > MaxStringLength)
        {
            return null;
        }

        var bytes = length == 0 ? [] : readMemory(dataAddress, (int)length);
        return bytes is null || bytes.Length < (int)length ? null : Encoding.UTF8.GetString(bytes);
    }
}

internal sealed record GoBuildInfoParseResult(GoBuildInfo? Info, bool HeaderFound, string? Problem)
{
    public static GoBuildInfoParseResult Found(GoBuildInfo info) => new(info, true, null);

    public static GoBuildInfoParseResult Missing(string problem) => new(null, false, problem);

    public static GoBuildInfoParseResult Broken(string problem) => new(null, true, problem);
}
