using System.Text.Json;
using System.Text.Json.Serialization;

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

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    public static CompileRecord? Read(string outputDirectory)
    {
        var path = Path.Combine(outputDirectory, FileName);
        if (!File.Exists(path)) return null;
        try
        {
            return JsonSerializer.Deserialize<CompileRecord>(File.ReadAllText(path), Json);
        }
        catch (JsonException)
        {
            return null; // an unreadable record only costs a rebuild
        }
    }

    public void Write(string outputDirectory)
    {
        var path = Path.Combine(outputDirectory, FileName);
        File.WriteAllText(path + ".tmp", JsonSerializer.Serialize(this, Json));
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
