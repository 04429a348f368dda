using System.Formats.Tar;
using System.Text.Json.Nodes;
using MiniContainer.Docker;
using MiniContainer.Docker.Images;
using MiniContainer.Images.Oci;
using MiniContainer.Images.Oci.Json;
using MiniContainer.Images.Oci.Layers;
using MiniContainer.Images.Spec;

namespace MiniContainer.Images.Compose;

/// <summary>
/// <see cref="ImageAssembly.Load"/>: writes the spec's layers (uncompressed: the engine would only
/// unpack them again) and its config on the base's, and loads a docker-archive holding just those.
/// The base's layers are named in its manifest.json but left out: the engine has them, and
/// <c>docker load</c> reads a layer only when its chain is missing. The image ID is the config's
/// digest, so an image already in the engine is found by it and only tagged.
/// </summary>
internal static class LoadedImageAssembler
{
    public sealed record Result(string Id, bool AlreadyInEngine);

    /// <param name="workFolder">A folder of this call's own for the layer and archive files; the caller removes it.</param>
    public static async Task<Result> RunAsync(
        DockerEngine engine, RuntimeImageSpec spec, ImageConfig? baseConfig, DateTimeOffset created, IReadOnlyList<ImageReference> tags, string workFolder,
        CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(workFolder);
        var layerFiles = new List<(string Path, OciDigest DiffId)>();
        var added = new List<AddedLayer>();
        foreach (var layer in RuntimeImageLayers.For(spec))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var path = Path.Combine(workFolder, $"layer-{layerFiles.Count}.tar");
            OciDigest diffId;
            long size;
            await using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            await using (var hashing = new HashingWriteStream(file))
            {
                LayerWriter.WriteTar(layer, created, hashing);
                diffId = hashing.Digest();
                size = hashing.BytesWritten;
            }
            layerFiles.Add((path, diffId));
            // Uncompressed, a layer's blob digest is its diffID.
            added.Add(new AddedLayer(new LayerBlob(diffId, size, diffId), layer.CreatedBy));
        }

        var platform = baseConfig?.Platform ?? OciPlatform.LinuxFor(Go.GoBuildOptions.HostGoArch());
        var config = ImageConfigComposer.Compose(baseConfig, spec, added, created, platform);
        var id = OciDigest.Of(config).ToString();
        if (await ExistsAsync(engine, id, cancellationToken).ConfigureAwait(false))
        {
            foreach (var tag in tags)
                await engine.Client.Images.TagImageAsync(id, new global::Docker.DotNet.Models.ImageTagParameters { RepositoryName = tag.Name, Tag = tag.Tag }, cancellationToken).ConfigureAwait(false);
            return new Result(id, AlreadyInEngine: true);
        }

        var archive = Path.Combine(workFolder, "image.docker.tar");
        await WriteArchiveAsync(archive, config, baseConfig?.DiffIds ?? [], layerFiles, tags, cancellationToken).ConfigureAwait(false);
        await new DockerImageLoader(engine).LoadAsync(archive, tags.Count > 0 ? tags[0].ToString() : id, cancellationToken).ConfigureAwait(false);
        return new Result(id, AlreadyInEngine: false);
    }

    private static async Task WriteArchiveAsync(
        string path, byte[] config, IReadOnlyList<OciDigest> baseDiffIds, IReadOnlyList<(string Path, OciDigest DiffId)> layers, IReadOnlyList<ImageReference> tags,
        CancellationToken cancellationToken)
    {
        var configName = OciDigest.Of(config).Hex + ".json";
        await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
        await using var writer = new TarWriter(file, TarEntryFormat.Gnu, leaveOpen: true);
        foreach (var (layerPath, diffId) in layers)
        {
            var entry = DeterministicTar.NewEntry(TarEntryType.RegularFile, LayerName(diffId), DeterministicTar.FileMode);
            await using var content = new FileStream(layerPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
            entry.DataStream = content;
            await writer.WriteEntryAsync(entry, cancellationToken).ConfigureAwait(false);
        }
        var configEntry = DeterministicTar.NewEntry(TarEntryType.RegularFile, configName, DeterministicTar.FileMode);
        configEntry.DataStream = new MemoryStream(config);
        await writer.WriteEntryAsync(configEntry, cancellationToken).ConfigureAwait(false);

        var manifest = new JsonArray(new JsonObject
        {
            ["Config"] = configName,
            ["RepoTags"] = new JsonArray(tags.Select(t => (JsonNode)t.ToString()).ToArray()),
            ["Layers"] = new JsonArray([.. baseDiffIds.Select(d => (JsonNode)LayerName(d)), .. layers.Select(l => (JsonNode)LayerName(l.DiffId))]),
        });
        var manifestEntry = DeterministicTar.NewEntry(TarEntryType.RegularFile, "manifest.json", DeterministicTar.FileMode);
        manifestEntry.DataStream = new MemoryStream(OciJson.Serialize(manifest));
        await writer.WriteEntryAsync(manifestEntry, cancellationToken).ConfigureAwait(false);
    }

    private static string LayerName(OciDigest diffId) => diffId.Hex + "/layer.tar";

    private static async Task<bool> ExistsAsync(DockerEngine engine, string id, CancellationToken cancellationToken)
    {
        try
        {
            await engine.Client.Images.InspectImageAsync(id, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (global::Docker.DotNet.DockerImageNotFoundException)
        {
            return false;
        }
    }
}
