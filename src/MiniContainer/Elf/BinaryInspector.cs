using System.Text;
using MiniContainer.Go;

namespace MiniContainer.Elf;

/// <summary>Reads one file into a <see cref="BinaryReport"/>; every failure to read ends in <see cref="BinaryInspectionException"/>.</summary>
internal static class BinaryInspector
{
    private const int MaxInterpreterLength = 4096;
    private const int MaxStringTableBytes = 1 << 20;
    private const int MaxBuildInfoBytes = 4 << 20;
    private const int BuildInfoSearchBytes = 64 << 10;
    private static readonly byte[][] MarkerStrings = LibcMarkers.Strings.Select(Encoding.ASCII.GetBytes).ToArray();

    internal static BinaryReport Inspect(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (Directory.Exists(path))
        {
            throw new BinaryInspectionException(path, "it is a directory, not a binary");
        }

        if (!File.Exists(path))
        {
            throw new BinaryInspectionException(path, "the file does not exist");
        }

        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 4096, FileOptions.RandomAccess);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new BinaryInspectionException(path, $"the file cannot be opened ({e.Message})", e);
        }

        using (stream)
        {
            try
            {
                return Inspect(path, stream);
            }
            catch (Exception e) when (e is IOException or ArgumentException or OverflowException or InvalidOperationException or IndexOutOfRangeException)
            {
                throw new BinaryInspectionException(path, $"unreadable or corrupted ({e.GetType().Name}: {e.Message})", e);
            }
        }
    }

    private static BinaryReport Inspect(string path, FileStream stream)
    {
        var file = new ElfFileAccess(stream.SafeFileHandle, stream.Length);
        var ident = file.Read(0, ElfHeader.IdentSize);
        var problem = ElfStructureGuard.FindProblem(ident, file.Length, file.Read, out var header);
        if (problem is not null)
        {
            throw new BinaryInspectionException(path, problem);
        }

        var segments = ProgramHeaderTable.Parse(file.Read((long)header!.ProgramHeaderOffset, header.ProgramHeaderCount * header.ProgramHeaderEntrySize), header);
        var image = ElfImageReader.Read(path, stream, header, segments, file.Length, LibcMarkers.IsMarkerSymbol);
        var linking = ReadLinking(image, file);
        var go = ReadGoBuildInfo(image, file);
        var libc = LibcClassifier.Classify(new LibcEvidence(
            linking.Linkage,
            linking.Interpreter,
            linking.Needed,
            FindMarkerStrings(image, file),
            image.MarkerSymbols,
            go.IsGoBinary,
            go.BuildInfo?.Setting("CGO_ENABLED")));

        var debugSections = image.Sections
            .Where(s => s.Name.StartsWith(".debug_", StringComparison.Ordinal) || s.Name.StartsWith(".zdebug_", StringComparison.Ordinal))
            .ToList();

        return new BinaryReport(
            new FileFacts(Path.GetFullPath(path), file.Length),
            new FormatFacts(
                image.Class,
                image.Endianness,
                image.Machine,
                image.Header.Machine,
                GoArchitecture.FromElf(image.Header.Machine, image.Header.Is64Bit, image.Header.BigEndian),
                image.Type,
                image.Header.Entry),
            linking,
            new DebugFacts(debugSections.Count > 0, debugSections.Select(s => s.Name).ToList(), debugSections.Sum(s => (long)s.Size), image.HasSymbolTable),
            libc,
            go);
    }

    // Judged from the program headers, as the kernel and loader see the file: section headers can be stripped or lie.
    private static LinkingFacts ReadLinking(ElfImage image, ElfFileAccess file)
    {
        var interpreterSegment = image.Segments.FirstOrDefault(s => s.Type == ElfSegment.Interpreter);
        var interpreter = interpreterSegment is null
            ? null
            : file.ReadCString((long)interpreterSegment.Offset, (int)Math.Min(interpreterSegment.FileSize, (ulong)MaxInterpreterLength));

        var dynamicSegment = image.Segments.FirstOrDefault(s => s.Type == ElfSegment.Dynamic);
        var needed = new List<string>();
        if (dynamicSegment is not null && dynamicSegment.FileSize > 0)
        {
            var table = DynamicTable.Parse(file.Read((long)dynamicSegment.Offset, (int)Math.Min(dynamicSegment.FileSize, (ulong)int.MaxValue)), image.Header);
            if (table.NeededOffsets.Count > 0)
            {
                var strings = ReadDynamicStrings(image, file, table);
                needed.AddRange(table.NeededOffsets.Select(offset => ReadString(strings, offset)));
            }
        }

        var linkage = (interpreter, needed.Count, dynamicSegment) switch
        {
            (not null, _, _) or (_, > 0, _) => Linkage.Dynamic,
            (null, 0, not null) when image.Type == "DYN" => Linkage.StaticPie,
            _ => Linkage.Static,
        };
        return new LinkingFacts(linkage, interpreter, needed, dynamicSegment is not null);
    }

    private static byte[] ReadDynamicStrings(ElfImage image, ElfFileAccess file, DynamicTable table)
    {
        var size = (int)Math.Min(table.StringTableSize ?? MaxStringTableBytes, (ulong)MaxStringTableBytes);
        var offset = table.StringTableAddress is { } address
            ? image.Segments.Select(s => s.FileOffsetOf(address)).FirstOrDefault(o => o is not null)
            : null;
        offset ??= image.Sections.FirstOrDefault(s => s.Name == ".dynstr" && s.HasFileContents)?.Offset;
        return offset is null ? [] : file.Read((long)offset.Value, size);
    }

    private static string ReadString(byte[] table, ulong offset)
    {
        if (offset >= (ulong)table.Length)
        {
            return $"<name at string table offset {offset}, outside the table>";
        }

        var span = table.AsSpan((int)offset);
        var end = span.IndexOf((byte)0);
        return Encoding.UTF8.GetString(end < 0 ? span : span[..end]);
    }

    private static GoFacts ReadGoBuildInfo(ElfImage image, ElfFileAccess file)
    {
        // The Go linker puts build info in .go.buildinfo; without section headers Go looks in the first writable segment.
        var section = image.Sections.FirstOrDefault(s => s.Name == ".go.buildinfo" && s.HasFileContents);
        var blob = section is not null
            ? file.Read((long)section.Offset, (int)Math.Min(section.Size, (ulong)MaxBuildInfoBytes))
            : image.Segments.FirstOrDefault(s => s.Type == ElfSegment.Load && (s.Flags & ElfSegment.FlagWrite) != 0) is { } segment
                ? file.Read((long)segment.Offset, (int)Math.Min(segment.FileSize, (ulong)(image.Sections.Count == 0 ? MaxBuildInfoBytes : BuildInfoSearchBytes)))
                : [];

        var result = GoBuildInfoBlobParser.Parse(blob, (address, length) => ReadMemory(image, file, address, length));
        return result.Info is not null
            ? new GoFacts(true, result.Info, null)
            : new GoFacts(result.HeaderFound, null, result.HeaderFound ? result.Problem : "not a Go binary (no Go build info)");
    }

    private static byte[]? ReadMemory(ElfImage image, ElfFileAccess file, ulong address, int length)
    {
        var offset = image.Segments.Select(s => s.FileOffsetOf(address)).FirstOrDefault(o => o is not null);
        return offset is null ? null : file.Read((long)offset.Value, length);
    }

    private static IReadOnlyCollection<string> FindMarkerStrings(ElfImage image, ElfFileAccess file)
    {
        var found = new HashSet<int>();
        var ranges = image.Sections.Count > 0
            ? image.Sections.Where(s => s.Name.StartsWith(".rodata", StringComparison.Ordinal) && s.HasFileContents).Select(s => (s.Offset, s.Size))
            : image.Segments.Where(s => s.Type == ElfSegment.Load && (s.Flags & (ElfSegment.FlagExecute | ElfSegment.FlagWrite)) == 0).Select(s => (s.Offset, s.FileSize));
        foreach (var (offset, size) in ranges)
        {
            file.FindStrings(offset, size, MarkerStrings, found);
        }

        return found.Select(i => LibcMarkers.Strings[i]).ToList();
    }
}
