using System.Formats.Tar;
using System.Text;
using System.Text.Json;
using MiniContainer.IntegrationTests.Fixtures;

namespace MiniContainer.IntegrationTests.Reliability;

/// <summary>
/// An image as `docker save` writes it, read back: its config JSON and every layer's files with
/// their bytes, so a test can list what a layer added and search every byte for a secret.
/// </summary>
public sealed record SavedImage(string ConfigJson, IReadOnlyList<IReadOnlyDictionary<string, byte[]>> Layers)
{
    public static SavedImage Of(string reference, string? dockerHost = null)
    {
        var folder = TestBed.TempDirectory("saved");
        try
        {
            var archive = Path.Combine(folder, "image.tar");
            var environment = dockerHost is null ? null : new Dictionary<string, string> { ["DOCKER_HOST"] = dockerHost };
            var save = ProcessRunner.Run("docker", ["save", "-o", archive, reference], environment: environment, timeoutSeconds: 300);
            save.ExitCode.ShouldBe(0, save.Output);
            var entries = ReadTar(File.OpenRead(archive));
            using var manifest = JsonDocument.Parse(entries["manifest.json"]);
            var image = manifest.RootElement[0];
            var config = Encoding.UTF8.GetString(entries[image.GetProperty("Config").GetString()!]);
            var layers = image.GetProperty("Layers").EnumerateArray().Select(l => (IReadOnlyDictionary<string, byte[]>)ReadTar(new MemoryStream(entries[l.GetString()!]))).ToList();
            return new SavedImage(config, layers);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>The files (not directories) of the last <paramref name="count"/> layers: what composing added to the base.</summary>
    public IReadOnlyList<string> FilesOfLastLayers(int count) =>
        Layers.Skip(Layers.Count - count).SelectMany(l => l.Where(e => e.Value.Length > 0 || !e.Key.EndsWith('/')).Select(e => e.Key)).Where(k => !k.EndsWith('/')).Distinct().Order().ToList();

    /// <summary>Every place a form of a secret occurs: the config, a layer's file name, a layer's file bytes.</summary>
    public IReadOnlyList<string> WhereFound(SecretForms secrets)
    {
        var found = secrets.FoundIn(ConfigJson).Select(form => $"config: {form}").ToList();
        for (var i = 0; i < Layers.Count; i++)
            foreach (var (name, bytes) in Layers[i])
                found.AddRange(secrets.FoundIn(name).Concat(secrets.FoundIn(bytes)).Select(form => $"layer {i}: {name}: {form}"));
        return found;
    }

    private static Dictionary<string, byte[]> ReadTar(Stream stream)
    {
        var entries = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        using (stream)
        using (var reader = new TarReader(stream))
        {
            while (reader.GetNextEntry() is { } entry)
            {
                var name = entry.Name.TrimStart('.', '/');
                if (entry.EntryType == TarEntryType.Directory) { entries[name.EndsWith('/') ? name : name + "/"] = []; continue; }
                using var content = new MemoryStream();
                entry.DataStream?.CopyTo(content);
                var data = entry.EntryType is TarEntryType.SymbolicLink or TarEntryType.HardLink ? Encoding.UTF8.GetBytes("-> " + entry.LinkName) : content.ToArray();
                entries[name] = data;
            }
        }
        return entries;
    }
}
