using System.Formats.Tar;
using System.Text.Json.Nodes;
using MiniContainer.Docker;
using MiniContainer.Oci.Json;

namespace MiniContainer.Oci.Outputs;

/// <summary>
/// Writes a docker-archive that <c>docker load</c> takes: &lt;config hex&gt;.json, one
/// &lt;digest hex&gt;.tar.gz per layer (docker load decompresses them) and manifest.json naming the
/// tags. Deterministic: fixed entry order, times and owners.
/// </summary>
public static class DockerArchiveWriter
{
    public static async Task WriteAsync(string path, BlobStore store, ComposedBlobs image, IReadOnlyList<string> repoTags, CancellationToken cancellationToken)
    {
        await ArtifactFile.WriteAsync(path, ArtifactFile.DataMode, async (file, ct) =>
        {
            await using var writer = new TarWriter(file, TarEntryFormat.Gnu, leaveOpen: true);
            var configName = image.Config.Digest.Hex + ".json";
            await WriteBlobAsync(writer, store, image.Config.Digest, configName, ct).ConfigureAwait(false);
            var layerNames = image.Layers.Select(l => l.Digest.Hex + ".tar.gz").ToList();
            foreach (var layer in image.Layers.DistinctBy(l => l.Digest))
                await WriteBlobAsync(writer, store, layer.Digest, layer.Digest.Hex + ".tar.gz", ct).ConfigureAwait(false);

            var manifest = new JsonArray(new JsonObject
            {
                ["Config"] = configName,
                ["RepoTags"] = new JsonArray(repoTags.Select(t => (JsonNode)t).ToArray()),
                ["Layers"] = new JsonArray(layerNames.Select(n => (JsonNode)n).ToArray()),
            });
            var entry = DeterministicTar.NewEntry(TarEntryType.RegularFile, "manifest.json", DeterministicTar.FileMode);
            entry.DataStream = new MemoryStream(OciJson.Serialize(manifest));
            await writer.WriteEntryAsync(entry, ct).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
    }

    private static async Task WriteBlobAsync(TarWriter writer, BlobStore store, OciDigest digest, string name, CancellationToken cancellationToken)
    {
        await using var content = store.Open(digest);
        var entry = DeterministicTar.NewEntry(TarEntryType.RegularFile, name, DeterministicTar.FileMode);
        entry.DataStream = content;
        await writer.WriteEntryAsync(entry, cancellationToken).ConfigureAwait(false);
    }
}
