using System.Text.Json;
using MiniContainer.Go;

namespace MiniContainer.Compile;

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

    // Read and written field by field (JsonDocument, Utf8JsonWriter): the serializer's first use cost
    // a fresh build process ~50 ms on the path before every go build.
    public static CompileRecord? Read(string outputDirectory)
    {
        var path = Path.Combine(outputDirectory, FileName);
        if (!File.Exists(path)) return null;
        try
        {
            using var json = JsonDocument.Parse(File.ReadAllBytes(path));
            var root = json.RootElement;
            var binaries = new Dictionary<string, BinaryStamp>(StringComparer.Ordinal);
            foreach (var binary in root.GetProperty(nameof(Binaries)).EnumerateObject())
                binaries[binary.Name] = new BinaryStamp(Size(binary.Value), Ticks(binary.Value), Sha256(binary.Value));
            var sources = new Dictionary<string, SourceTreeHasher.FileStamp>(StringComparer.Ordinal);
            foreach (var source in root.GetProperty(nameof(Sources)).EnumerateObject())
                sources[source.Name] = new SourceTreeHasher.FileStamp(Size(source.Value), Ticks(source.Value), Sha256(source.Value));
            return new CompileRecord(root.GetProperty(nameof(Fingerprint)).GetString() ?? throw new FormatException(), binaries, sources);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            return null; // an unreadable record only costs a rebuild
        }
    }

    public void Write(string outputDirectory)
    {
        // The builder container can write in this folder (a bind mount): no predictable path is opened.
        ArtifactFile.Write(Path.Combine(outputDirectory, FileName), ArtifactFile.DataMode, file =>
        {
            using var json = new Utf8JsonWriter(file);
            json.WriteStartObject();
            json.WriteString(nameof(Fingerprint), Fingerprint);
            json.WriteStartObject(nameof(Binaries));
            foreach (var (name, stamp) in Binaries.OrderBy(b => b.Key, StringComparer.Ordinal))
                WriteStamp(json, name, stamp.Size, stamp.ModifiedTicks, stamp.Sha256);
            json.WriteEndObject();
            json.WriteStartObject(nameof(Sources));
            foreach (var (name, stamp) in Sources.OrderBy(s => s.Key, StringComparer.Ordinal))
                WriteStamp(json, name, stamp.Size, stamp.ModifiedTicks, stamp.Sha256);
            json.WriteEndObject();
            json.WriteEndObject();
        });
    }

    public static void Delete(string outputDirectory) => File.Delete(Path.Combine(outputDirectory, FileName));

    private static void WriteStamp(Utf8JsonWriter json, string name, long size, long ticks, string sha256)
    {
        json.WriteStartObject(name);
        json.WriteNumber("Size", size);
        json.WriteNumber("ModifiedTicks", ticks);
        json.WriteString("Sha256", sha256);
        json.WriteEndObject();
    }

    private static long Size(JsonElement stamp) => stamp.GetProperty("Size").GetInt64();

    private static long Ticks(JsonElement stamp) => stamp.GetProperty("ModifiedTicks").GetInt64();

    private static string Sha256(JsonElement stamp) => stamp.GetProperty("Sha256").GetString() ?? throw new FormatException();

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
