using System.Text.Json;

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
    public const string FileName = ".minicontainer-compile.json";

    public sealed record BinaryStamp(long Size, long ModifiedTicks, string Sha256);

    public static CompileRecord? Read(string outputDirectory)
    {
        var path = Path.Combine(outputDirectory, FileName);
        if (!File.Exists(path)) return null;
        try
        {
            var record = JsonSerializer.Deserialize(File.ReadAllBytes(path), MiniContainerJsonContext.Default.CompileRecord);
            // A field missing from the file deserializes as null.
            return record is { Fingerprint: not null, Binaries: not null, Sources: not null }
                   && record.Binaries.Values.All(b => b?.Sha256 is not null) && record.Sources.Values.All(s => s?.Sha256 is not null)
                ? record
                : null;
        }
        catch (JsonException)
        {
            return null; // an unreadable record only costs a rebuild
        }
    }

    public void Write(string outputDirectory)
    {
        var path = Path.Combine(outputDirectory, FileName);
        // Sorted, so the same build writes the same file.
        var sorted = this with
        {
            Binaries = new SortedDictionary<string, BinaryStamp>(Binaries.ToDictionary(), StringComparer.Ordinal),
            Sources = new SortedDictionary<string, SourceTreeHasher.FileStamp>(Sources.ToDictionary(), StringComparer.Ordinal),
        };
        using (var file = new FileStream(path + ".tmp", FileMode.Create, FileAccess.Write, FileShare.None))
        using (var json = new Utf8JsonWriter(file))
            JsonSerializer.Serialize(json, sorted, MiniContainerJsonContext.Default.CompileRecord);
        File.Move(path + ".tmp", path, overwrite: true);
    }

    public static void Delete(string outputDirectory) => File.Delete(Path.Combine(outputDirectory, FileName));

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
