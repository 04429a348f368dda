using System.Text.Json;

namespace MiniContainer.Oci.Layers;

/// <summary>
/// The diffID and size of a layer whose content a <see cref="LayerRecordKey"/> fixes without reading its files, kept in a small
/// JSON file at the key's path: the zoneinfo database staged from a builder image ID (~1,800 files; 0.1-0.3 s to read and tar in
/// a fresh process), the binaries by their size and modification time (megabytes to copy and hash, ~15 ms). An unchanged build
/// then finds its image in the engine without writing the layers' tars to learn their digests. The record holds its key, the
/// layer's time and this assembly's build (whose writer made the tar); any other key is a miss.
/// </summary>
internal static class LayerDigestRecord
{
    public static string FullKey(LayerRecordKey key, DateTimeOffset modificationTime) =>
        $"{key.Key}\n{modificationTime.ToUnixTimeSeconds()}\n{typeof(LayerDigestRecord).Assembly.ManifestModule.ModuleVersionId}";

    /// <summary>The recorded diffID and uncompressed size for this key; null when there is no record, or one for another key.</summary>
    public static (OciDigest DiffId, long Size)? TryRead(LayerRecordKey key, DateTimeOffset modificationTime)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(key.RecordPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null; // none yet (FileNotFoundException), or unreadable: computed from the files instead
        }
        try
        {
            // Read field by field (JsonDocument): the serializer's first use costs a fresh process tens of ms.
            using var json = JsonDocument.Parse(bytes);
            var root = json.RootElement;
            return root.GetProperty("Key").GetString() == FullKey(key, modificationTime)
                   && OciDigest.TryParse(root.GetProperty("DiffId").GetString() ?? "", out var diffId)
                   && root.GetProperty("Size").TryGetInt64(out var size) && size >= 0
                ? (diffId, size)
                : null;
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return null; // not a record we wrote: the files tell
        }
    }

    /// <summary>Records the layer; a folder that cannot be written (a binary named from a read-only place) keeps none: it only saves time.</summary>
    public static void Write(LayerRecordKey key, DateTimeOffset modificationTime, OciDigest diffId, long size)
    {
        try
        {
            // The builder container can write in the binaries' folder (a bind mount): no predictable path is opened.
            ArtifactFile.Write(key.RecordPath, ArtifactFile.DataMode, file =>
            {
                using var json = new Utf8JsonWriter(file);
                json.WriteStartObject();
                json.WriteString("Key", FullKey(key, modificationTime));
                json.WriteString("DiffId", diffId.ToString());
                json.WriteNumber("Size", size);
                json.WriteEndObject();
            });
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The next build writes the layer's tar again to learn its diffID.
        }
    }

    public static void Delete(string recordPath)
    {
        if (File.Exists(recordPath)) File.Delete(recordPath);
    }
}

/// <summary>Where a layer's diffID is recorded (<see cref="LayerDigestRecord"/>) and what fixes the layer's content.</summary>
internal sealed record LayerRecordKey(string RecordPath, string Key)
{
    /// <summary>The file name of the binaries' layer record, in the first binary's folder (a .json, as a binary's globs skip reports).</summary>
    public const string BinariesRecordName = ".minicontainer-app-layer.json";

    public static string TreeRecordPath(string hostDirectory) => Path.TrimEndingDirectorySeparator(Path.GetFullPath(hostDirectory)) + ".layer.json";

    /// <summary>A host tree put at <paramref name="imagePath"/> whose content <paramref name="source"/> fixes (the builder image ID it was staged from).</summary>
    public static LayerRecordKey ForTree(string hostDirectory, string imagePath, string source) =>
        new(TreeRecordPath(hostDirectory), $"tree {source} {imagePath}");

    /// <summary>
    /// A layer of the given folders and files, each file known by its size and modification time, as the Compile step's record
    /// trusts its binaries (a file rewritten with its old size and time, e.g. by <c>touch -r</c>, goes unseen, as by make or git's index).
    /// Null when a file cannot be read.
    /// </summary>
    public static LayerRecordKey? ForFiles(string recordPath, IEnumerable<string> directories, IEnumerable<(string ImagePath, string HostPath)> files)
    {
        var key = new System.Text.StringBuilder("files");
        foreach (var directory in directories) key.Append("\ndir ").Append(directory);
        foreach (var (imagePath, hostPath) in files)
        {
            var file = new FileInfo(hostPath);
            if (!file.Exists || file.LinkTarget is not null) return null;
            key.Append("\nfile ").Append(imagePath).Append(' ').Append(Path.GetFullPath(hostPath)).Append(' ')
                .Append(file.Length).Append(' ').Append(file.LastWriteTimeUtc.Ticks);
        }
        return new LayerRecordKey(Path.GetFullPath(recordPath), key.ToString());
    }
}
