using System.Formats.Tar;
using System.Text.Json;
using MiniContainer.Docker;
using MiniContainer.Oci;
using MiniContainer.Oci.Json;

namespace MiniContainer.Compose;

/// <summary>
/// The config of a base image that is in the engine, which a loaded image extends. The engine gives
/// the exact document only inside <c>docker save</c>, so it is read from there once per image ID
/// and kept in the blob store; later builds on the same base read it from disk.
/// </summary>
internal static class EngineBaseConfigs
{
    private const string IndexFolder = "engine-image-configs";

    public static async Task<ImageConfig> ReadAsync(DockerEngine engine, string imageId, BlobStore store, CancellationToken cancellationToken)
    {
        var index = Path.Combine(store.Root, IndexFolder, OciDigest.Parse(imageId).Hex);
        if (File.Exists(index) && OciDigest.TryParse(File.ReadAllText(index).Trim(), out var known) && store.Contains(known))
            return ImageConfig.Read(await File.ReadAllBytesAsync(store.PathOf(known), cancellationToken).ConfigureAwait(false));

        var bytes = await SaveConfigAsync(engine, imageId, Path.Combine(store.Root, "tmp"), cancellationToken).ConfigureAwait(false);
        var config = ImageConfig.Read(bytes);
        var digest = store.AddBytes(bytes);
        Directory.CreateDirectory(Path.GetDirectoryName(index)!);
        await File.WriteAllTextAsync(index + ".tmp", digest.ToString(), cancellationToken).ConfigureAwait(false);
        File.Move(index + ".tmp", index, overwrite: true);
        return config;
    }

    // Of docker save's output only the top-level JSON files are kept (manifest.json and the config):
    // the layers are already in the engine.
    // The export is copied to a file first: the engine's chunked stream does not survive TarReader's reads.
    private static async Task<byte[]> SaveConfigAsync(DockerEngine engine, string imageId, string tempFolder, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(tempFolder);
        var exported = Path.Combine(tempFolder, "save-" + Guid.NewGuid().ToString("N") + ".tar");
        var topLevelJson = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        try
        {
            await engine.StreamAsync("image save " + imageId, async (client, guard, ct) =>
            {
                EnginePathValue.Checked(imageId, "image ID");
                await using (var archive = new ActivityStream(await client.Images.SaveImageAsync(imageId, ct).ConfigureAwait(false), guard.Saw))
                await using (var file = new FileStream(exported, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
                    await archive.CopyToAsync(file, 1 << 16, ct).ConfigureAwait(false);
                return true;
            }, cancellationToken).ConfigureAwait(false);

            await using var saved = new FileStream(exported, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
            var reader = new TarReader(saved);
            while (await reader.GetNextEntryAsync(copyData: false, cancellationToken).ConfigureAwait(false) is { } entry)
            {
                var name = entry.Name.TrimStart('.', '/');
                if (entry.DataStream is null || name.Contains('/') || !name.EndsWith(".json", StringComparison.Ordinal)) continue;
                using var memory = new MemoryStream();
                await entry.DataStream.CopyToAsync(memory, cancellationToken).ConfigureAwait(false);
                topLevelJson[name] = memory.ToArray();
            }
        }
        finally
        {
            File.Delete(exported);
        }
        if (!topLevelJson.TryGetValue("manifest.json", out var manifest))
            throw new MiniContainerException($"The engine's export of the base image {imageId} has no manifest.json; compose with the Dockerfile build instead (ImageAssembly.DockerfileBuild).");
        using var json = JsonDocument.Parse(manifest);
        var configName = json.RootElement.EnumerateArray().First().GetProperty("Config").GetString()!;
        return topLevelJson.TryGetValue(configName, out var config)
            ? config
            : throw new MiniContainerException($"The engine's export of the base image {imageId} does not hold its config {configName}; compose with the Dockerfile build instead (ImageAssembly.DockerfileBuild).");
    }
}
