using System.Formats.Tar;
using System.IO.Compression;
using System.Text.Json;
using MiniContainer.Oci.Json;

namespace MiniContainer.Oci.Bases;

/// <summary>
/// Reads a base image from a docker-archive (what <c>docker save</c> writes): manifest.json, the
/// config, and the layers, which are gzipped into the store the same reproducible way as ours and
/// checked against the config's diffIDs.
/// </summary>
internal static class DockerArchiveBaseReader
{
    /// <summary>
    /// How far a gzipped layer may expand over its size in the archive. Real layers gzip 2-10 times; a gzip bomb
    /// expands about a thousand times, and the archive declares no uncompressed size to hold it to.
    /// </summary>
    public const int MaxExpansion = 100;

    /// <summary>What any gzipped layer may expand to, however small: tiny layers compress best.</summary>
    public const long MinExpansionBound = 64 << 20;

    public static Task<ResolvedBaseImage> ReadAsync(BaseImageSource.DockerArchive source, OciPlatform platform, BlobStore store, CancellationToken cancellationToken)
    {
        var name = source.ToString();
        if (!File.Exists(source.File)) throw Invalid(name, $"the file {source.File} does not exist.");

        using var archive = File.OpenRead(source.File);
        var entries = ReadEntries(name, archive);
        if (!entries.TryGetValue("manifest.json", out var manifestEntry))
            throw Invalid(name, "it has no manifest.json (a docker-archive, as `docker save` writes it, has manifest.json, the config JSON and the layer tars).");

        var (configPath, layerPaths) = ChooseImage(name, ReadAll(name, manifestEntry), source.Tag);
        if (!entries.TryGetValue(configPath, out var configEntry)) throw Invalid(name, $"its manifest.json names the config {configPath}, which is not in the archive.");
        ImageConfig config;
        try
        {
            config = ImageConfig.Read(ReadAll(name, configEntry));
        }
        catch (FormatException e)
        {
            throw Invalid(name, $"{configPath}: {e.Message}.");
        }
        PlatformSelector.Check(name, config, platform);
        if (config.DiffIds.Count != layerPaths.Count)
            throw Invalid(name, $"its manifest.json lists {layerPaths.Count} layers but its config {config.DiffIds.Count} diff_ids.");

        var layers = new List<OciDescriptor>();
        for (var i = 0; i < layerPaths.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!entries.TryGetValue(layerPaths[i], out var layerEntry)) throw Invalid(name, $"its manifest.json names the layer {layerPaths[i]}, which is not in the archive.");
            using var tar = Uncompressed(name, layerPaths[i], layerEntry);
            var blob = store.AddCompressed(tar);
            if (blob.DiffId != config.DiffIds[i]) throw new DigestMismatchException($"{name} ({layerPaths[i]})", config.DiffIds[i], blob.DiffId);
            layers.Add(blob.Descriptor);
        }
        return Task.FromResult(new ResolvedBaseImage(name, config, layers));
    }

    private static Dictionary<string, TarEntry> ReadEntries(string name, Stream archive)
    {
        var entries = new Dictionary<string, TarEntry>(StringComparer.Ordinal);
        try
        {
            // The archive is seekable: each entry's data stays readable after the reader moves on.
            var reader = new TarReader(archive);
            while (reader.GetNextEntry() is { } entry)
                if (entry.EntryType is TarEntryType.RegularFile or TarEntryType.V7RegularFile)
                    entries[entry.Name.TrimStart('.', '/')] = entry;
        }
        catch (Exception e) when (e is InvalidDataException or FormatException or EndOfStreamException)
        {
            throw Invalid(name, $"it is not a tar archive ({e.Message}).");
        }
        return entries;
    }

    private static (string Config, IReadOnlyList<string> Layers) ChooseImage(string name, byte[] manifestJson, string? tag)
    {
        try
        {
            using var json = JsonDocument.Parse(manifestJson);
            var images = json.RootElement.EnumerateArray().ToList();
            List<string> Tags(JsonElement image) => image.TryGetProperty("RepoTags", out var t) && t.ValueKind == JsonValueKind.Array
                ? t.EnumerateArray().Select(x => x.GetString()).OfType<string>().ToList() : [];
            var all = images.SelectMany(Tags).ToList();
            JsonElement chosen;
            if (tag is not null)
                chosen = images.FirstOrDefault(i => Tags(i).Any(t => t == tag || t.EndsWith("/" + tag, StringComparison.Ordinal)));
            else if (images.Count == 1)
                chosen = images[0];
            else
                throw Invalid(name, $"it holds {images.Count} images: name one as docker-archive:<file>:<repo:tag> ({string.Join(", ", all)}).");
            if (chosen.ValueKind == JsonValueKind.Undefined)
                throw Invalid(name, $"it has no image tagged '{tag}'; it has: {(all.Count == 0 ? "only untagged images" : string.Join(", ", all))}.");
            var config = chosen.GetProperty("Config").GetString() ?? throw new FormatException();
            var layers = chosen.GetProperty("Layers").EnumerateArray().Select(l => l.GetString() ?? throw new FormatException()).ToList();
            return (config, layers);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or KeyNotFoundException or FormatException)
        {
            throw Invalid(name, "its manifest.json is not a list of {Config, RepoTags, Layers}.");
        }
    }

    /// <summary>The layer's tar: as stored (its tar entry bounds it), or gunzipped and stopped at <see cref="MaxExpansion"/> times its stored size.</summary>
    private static Stream Uncompressed(string name, string path, TarEntry entry)
    {
        var layer = entry.DataStream!;
        Span<byte> magic = stackalloc byte[2];
        var read = layer.ReadAtLeast(magic, 2, throwOnEndOfStream: false);
        layer.Position = 0;
        if (read != 2 || magic[0] != 0x1f || magic[1] != 0x8b) return layer;
        var bound = Math.Max(MinExpansionBound, entry.Length * MaxExpansion);
        return new BoundedReadStream(new GZipStream(layer, CompressionMode.Decompress), bound, () => Invalid(name,
            $"the gzipped layer {path} ({entry.Length:N0} bytes) expands past {bound:N0} bytes, more than {MaxExpansion} times its size, and was refused as a decompression bomb. "
            + "If the base is genuine, save it with uncompressed layers (as `docker save` writes them) or give it as an oci: layout."));
    }

    /// <summary>A JSON entry (manifest.json, the config), read whole: no larger than <see cref="OciDocument.MaxBytes"/>.</summary>
    private static byte[] ReadAll(string name, TarEntry entry)
    {
        if (entry.Length > OciDocument.MaxBytes)
            throw Invalid(name, $"its {entry.Name} has {entry.Length:N0} bytes, more than the {OciDocument.MaxBytes:N0} a JSON document may have.");
        using var memory = new MemoryStream();
        entry.DataStream!.Position = 0;
        entry.DataStream.CopyTo(memory);
        return memory.ToArray();
    }

    private static InvalidImageSourceException Invalid(string name, string problem) => new($"The docker-archive {name}", problem);
}
