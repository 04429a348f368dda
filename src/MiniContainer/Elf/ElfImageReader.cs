using ELFSharp.ELF;
using ELFSharp.ELF.Sections;

namespace MiniContainer.Elf;

/// <summary>Loads an ELF file with ELFSharp, after <see cref="ElfStructureGuard"/> has checked its tables, into an <see cref="ElfImage"/>.</summary>
internal static class ElfImageReader
{
    private const int MaxMarkerSymbols = 64;

    internal static ElfImage Read(string path, Stream stream, ElfHeader header, IReadOnlyList<ElfSegment> segments, long length, Func<string, bool> isMarkerSymbol)
    {
        if (header.SectionHeaderCount == 0)
        {
            // ELFSharp cannot load a file without section headers (e.g. after sstrip); the program headers are all the loader needs.
            return new ElfImage(header, length, header.Is64Bit ? "ELF64" : "ELF32", header.BigEndian ? "big" : "little", MachineName(header.Machine), TypeName(header.Type), [], segments, false, []);
        }

        IELF? elf = null;
        try
        {
            // ELFSharp's TryLoad throws on some malformed input instead of returning false.
            if (!ELFReader.TryLoad(stream, false, out elf) || elf is null)
            {
                throw new BinaryInspectionException(path, "ELFSharp does not recognise it as an ELF file");
            }

            return elf switch
            {
                ELF<uint> elf32 => Build(elf32, header, segments, length, isMarkerSymbol),
                ELF<ulong> elf64 => Build(elf64, header, segments, length, isMarkerSymbol),
                _ => throw new BinaryInspectionException(path, $"unsupported ELF class {elf.Class}"),
            };
        }
        catch (BinaryInspectionException)
        {
            throw;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new BinaryInspectionException(path, $"corrupted ELF structure ({e.GetType().Name}: {e.Message})", e);
        }
        finally
        {
            elf?.Dispose();
        }
    }

    private static ElfImage Build<T>(ELF<T> elf, ElfHeader header, IReadOnlyList<ElfSegment> segments, long length, Func<string, bool> isMarkerSymbol)
        where T : struct
    {
        var sections = new List<ElfSection>(elf.HasSectionHeader ? elf.Sections.Count : 0);
        if (elf.HasSectionHeader)
        {
            foreach (var s in elf.Sections)
            {
                sections.Add(new ElfSection(s.Name ?? string.Empty, (uint)s.Type, ToUInt64(s.Offset), ToUInt64(s.Size), ToUInt64(s.RawFlags)));
            }
        }

        var markers = new List<string>();
        var hasSymbolTable = false;
        if (elf.HasSectionHeader)
        {
            foreach (var table in elf.GetSections<SymbolTable<T>>())
            {
                hasSymbolTable |= table.Type == SectionType.SymbolTable;
                foreach (var symbol in table.Entries)
                {
                    if (markers.Count < MaxMarkerSymbols && symbol.Name is { Length: > 0 } name && isMarkerSymbol(name) && !markers.Contains(name))
                    {
                        markers.Add(name);
                    }
                }
            }
        }

        return new ElfImage(
            header,
            length,
            elf.Class == Class.Bit64 ? "ELF64" : "ELF32",
            elf.Endianess == ELFSharp.Endianess.BigEndian ? "big" : "little",
            MachineName((ushort)elf.Machine),
            TypeName((ushort)elf.Type),
            sections,
            segments,
            hasSymbolTable,
            markers);
    }

    private static string MachineName(ushort machine) => Enum.IsDefined((Machine)machine) ? ((Machine)machine).ToString() : $"EM_{machine}";

    private static string TypeName(ushort type) => (FileType)type switch
    {
        FileType.Executable => "EXEC",
        FileType.SharedObject => "DYN",
        FileType.Relocatable => "REL",
        FileType.Core => "CORE",
        _ => "NONE",
    };

    private static ulong ToUInt64<T>(T value) where T : struct => value switch
    {
        uint u => u,
        ulong ul => ul,
        _ => Convert.ToUInt64(value),
    };
}
