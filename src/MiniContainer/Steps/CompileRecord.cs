using System.Globalization;
using System.Text;

namespace MiniContainer.Steps;

/// <summary>
/// What the last successful Compile into an output folder was made from, and what it wrote:
/// when the inputs hash the same and the binaries are still the ones written, Compile is skipped.
/// </summary>
internal sealed record CompileRecord(
    string Fingerprint,
    IReadOnlyDictionary<string, CompileRecord.BinaryStamp> Binaries,
    IReadOnlyDictionary<string, SourceTreeHasher.FileStamp> Sources)
{
    public const string FileName = ".minicontainer-compile";

    // One line per fact, tab-separated, the free-form name last: read and written in well under a
    // millisecond (the serializer's first use cost a fresh build process ~50 ms).
    private const string Header = "minicontainer-compile-record\t1";

    public sealed record BinaryStamp(long Size, long ModifiedTicks, string Sha256);

    public static CompileRecord? Read(string outputDirectory)
    {
        var path = Path.Combine(outputDirectory, FileName);
        if (!File.Exists(path)) return null;
        var lines = File.ReadAllLines(path);
        if (lines.Length < 2 || lines[0] != Header || !lines[1].StartsWith("fingerprint\t", StringComparison.Ordinal)) return null;
        var binaries = new Dictionary<string, BinaryStamp>(StringComparer.Ordinal);
        var sources = new Dictionary<string, SourceTreeHasher.FileStamp>(StringComparer.Ordinal);
        foreach (var line in lines.Skip(2))
        {
            var fields = line.Split('\t', 5);
            if (fields.Length != 5 || !long.TryParse(fields[1], CultureInfo.InvariantCulture, out var size) || !long.TryParse(fields[2], CultureInfo.InvariantCulture, out var ticks))
                return null; // an unreadable record only costs a rebuild
            switch (fields[0])
            {
                case "binary": binaries[fields[4]] = new BinaryStamp(size, ticks, fields[3]); break;
                case "source": sources[fields[4]] = new SourceTreeHasher.FileStamp(size, ticks, fields[3]); break;
                default: return null;
            }
        }
        return new CompileRecord(lines[1]["fingerprint\t".Length..], binaries, sources);
    }

    public void Write(string outputDirectory)
    {
        var text = new StringBuilder().Append(Header).Append('\n').Append("fingerprint\t").Append(Fingerprint).Append('\n');
        foreach (var (name, stamp) in Binaries.OrderBy(b => b.Key, StringComparer.Ordinal))
            Line(text, "binary", stamp.Size, stamp.ModifiedTicks, stamp.Sha256, name);
        foreach (var (name, stamp) in Sources.OrderBy(b => b.Key, StringComparer.Ordinal))
            Line(text, "source", stamp.Size, stamp.ModifiedTicks, stamp.Sha256, name);
        var path = Path.Combine(outputDirectory, FileName);
        File.WriteAllText(path + ".tmp", text.ToString());
        File.Move(path + ".tmp", path, overwrite: true);
    }

    public static void Delete(string outputDirectory)
    {
        File.Delete(Path.Combine(outputDirectory, FileName));
        File.Delete(Path.Combine(outputDirectory, FileName + ".json")); // the record's earlier JSON form
    }

    private static void Line(StringBuilder text, string kind, long size, long ticks, string sha256, string name)
    {
        // A name with a line break cannot be written as a line: leaving it out makes the next build a full one.
        if (name.Contains('\n') || name.Contains('\r')) return;
        text.Append(kind).Append('\t').Append(size.ToString(CultureInfo.InvariantCulture)).Append('\t')
            .Append(ticks.ToString(CultureInfo.InvariantCulture)).Append('\t').Append(sha256).Append('\t').Append(name).Append('\n');
    }

    /// <summary>The binaries are on disk as this record wrote them (size and time, else content).</summary>
    public bool BinariesIntact(string outputDirectory) => Binaries.All(entry =>
    {
        var file = new FileInfo(Path.Combine(outputDirectory, entry.Key));
        if (!file.Exists || file.Length != entry.Value.Size) return false;
        return file.LastWriteTimeUtc.Ticks == entry.Value.ModifiedTicks || SourceTreeHasher.HashFile(file.FullName) == entry.Value.Sha256;
    });

    public static BinaryStamp StampOf(string path)
    {
        var file = new FileInfo(path);
        return new BinaryStamp(file.Length, file.LastWriteTimeUtc.Ticks, SourceTreeHasher.HashFile(path));
    }
}
