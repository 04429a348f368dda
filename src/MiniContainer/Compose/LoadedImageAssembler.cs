using System.Formats.Tar;
using System.Text.Json.Nodes;
using MiniContainer.Docker;
using MiniContainer.Docker.Images;
using MiniContainer.Images;
using MiniContainer.Oci;
using MiniContainer.Oci.Json;
using MiniContainer.Oci.Layers;

namespace MiniContainer.Compose;

/// <summary>
/// <see cref="ImageAssembly.Load"/>: writes the spec's layers (uncompressed: the engine would only
/// unpack them again) and its config on the base's, and loads a docker-archive holding just those.
/// The base's layers are named in its manifest.json but left out: the engine has them, and
/// <c>docker load</c> reads a layer only when its chain is missing. The image ID is the config's
/// digest, so an image already in the engine is found by it and only tagged. So are our own leading layers the image the tag
/// names now already has (scratch's files, the zoneinfo database: a new binary changes only the last layer); a layer whose
/// diffID is recorded (<see cref="LayerDigestRecord"/>: the zoneinfo tree, the binaries) is then not even written. The layers are kept in
/// memory (they hold the binaries: megabytes) and the archive is written straight into the engine's
/// load call, so nothing of it touches the disk here.
/// </summary>
internal static class LoadedImageAssembler
{
    public sealed record Result(string Id, bool AlreadyInEngine);

    private sealed record Layer(byte[] Tar, OciDigest DiffId);

    public static async Task<Result> RunAsync(
        DockerEngine engine, RuntimeImageSpec spec, ImageConfig? baseConfig, DateTimeOffset created, IReadOnlyList<ImageReference> tags,
        CancellationToken cancellationToken)
    {
        var planned = RuntimeImageLayers.Planned(spec);
        // A layer's tar, or null while its diffID comes from its LayerDigestRecord: written only if the image must be loaded.
        var layers = new Layer?[planned.Count];
        var diffIds = new (OciDigest DiffId, long Size)[planned.Count];
        for (var i = 0; i < planned.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (planned[i].Known is { } known && LayerDigestRecord.TryRead(known, created) is { } recorded) diffIds[i] = recorded;
            else (layers[i], diffIds[i]) = Write(planned[i], created);
        }

        var platform = baseConfig?.Platform ?? OciPlatform.LinuxFor(Go.GoBuildOptions.HostGoArch());
        var (config, id) = Compose(baseConfig, spec, planned, diffIds, created, platform);
        if (await engine.Api.InspectImageAsync(id, cancellationToken).ConfigureAwait(false) is not null)
        {
            foreach (var tag in tags)
                await engine.Api.TagImageAsync(id, tag.Name, tag.Tag, cancellationToken).ConfigureAwait(false);
            return new Result(id, AlreadyInEngine: true);
        }

        var baseDiffIds = baseConfig?.DiffIds ?? [];
        // The leading layers the image the tag names now (the last build, mostly) shares with this one: the engine holds their chain,
        // so they are named in manifest.json and left out of the archive, as the base's are, and a recorded one is never written.
        var held = tags.Count == 0 ? 0 : await HeldLayerCountAsync(engine, tags[0], baseDiffIds, diffIds, cancellationToken).ConfigureAwait(false);
        var recordWasWrong = false;
        for (var i = held; i < planned.Count; i++)
        {
            if (layers[i] is not null) continue;
            var recorded = diffIds[i];
            (layers[i], diffIds[i]) = Write(planned[i], created);
            recordWasWrong |= diffIds[i] != recorded;
        }
        // A record that no longer matches its files (edited by hand) named another image: compose from the files.
        if (recordWasWrong) (config, id) = Compose(baseConfig, spec, planned, diffIds, created, platform);

        var names = diffIds.Select(d => d.DiffId).ToList();
        var sent = layers.Skip(held).Select(l => l!).ToList();
        try
        {
            await LoadAsync(engine, config, baseDiffIds, names, sent, tags, id, cancellationToken).ConfigureAwait(false);
        }
        catch (ImageLoadFailedException) when (held > 0)
        {
            // The image that held those layers went (removed meanwhile): send them all.
            for (var i = 0; i < held; i++) layers[i] ??= Write(planned[i], created).Tar;
            await LoadAsync(engine, config, baseDiffIds, names, layers.Select(l => l!).ToList(), tags, id, cancellationToken).ConfigureAwait(false);
        }
        return new Result(id, AlreadyInEngine: false);
    }

    private static Task LoadAsync(
        DockerEngine engine, byte[] config, IReadOnlyList<OciDigest> baseDiffIds, IReadOnlyList<OciDigest> diffIds, IReadOnlyList<Layer> sent,
        IReadOnlyList<ImageReference> tags, string id, CancellationToken cancellationToken) =>
        new DockerImageLoader(engine).LoadAsync(
            (archive, ct) => WriteArchiveAsync(archive, config, baseDiffIds, diffIds, sent, tags, ct),
            tags.Count > 0 ? tags[0].ToString() : id, cancellationToken);

    /// <summary>How many of this image's own layers, from the first, the image <paramref name="tag"/> names has over the same base.</summary>
    private static async Task<int> HeldLayerCountAsync(
        DockerEngine engine, ImageReference tag, IReadOnlyList<OciDigest> baseDiffIds, (OciDigest DiffId, long Size)[] diffIds, CancellationToken cancellationToken)
    {
        if (await engine.Api.InspectImageAsync(tag.ToString(), cancellationToken).ConfigureAwait(false) is not { } current) return 0;
        var wanted = baseDiffIds.Concat(diffIds.Select(d => d.DiffId)).Select(d => d.ToString()).ToList();
        var shared = 0;
        while (shared < wanted.Count && shared < current.DiffIds.Count && wanted[shared] == current.DiffIds[shared]) shared++;
        // The last layer (the binaries) is always sent: an image with all of ours would have had our ID.
        return Math.Clamp(shared - baseDiffIds.Count, 0, diffIds.Length - 1);
    }

    /// <summary>The layer's tar in memory (it holds the binaries: megabytes) and its diffID; recorded when a key fixes its content.</summary>
    private static (Layer Tar, (OciDigest DiffId, long Size)) Write(PlannedLayer planned, DateTimeOffset created)
    {
        using var memory = new MemoryStream();
        OciDigest diffId;
        using (var hashing = new HashingWriteStream(memory))
        {
            LayerWriter.WriteTar(planned.Content(), created, hashing);
            diffId = hashing.Digest();
        }
        if (planned.Known is { } known) LayerDigestRecord.Write(known, created, diffId, memory.Length);
        return (new Layer(memory.ToArray(), diffId), (diffId, memory.Length));
    }

    private static (byte[] Config, string Id) Compose(
        ImageConfig? baseConfig, RuntimeImageSpec spec, IReadOnlyList<PlannedLayer> planned, (OciDigest DiffId, long Size)[] diffIds, DateTimeOffset created, OciPlatform platform)
    {
        // Uncompressed, a layer's blob digest is its diffID.
        var added = diffIds.Select((d, i) => new AddedLayer(new LayerBlob(d.DiffId, d.Size, d.DiffId), planned[i].CreatedBy)).ToList();
        var config = ImageConfigComposer.Compose(baseConfig, spec, added, created, platform);
        return (config, OciDigest.Of(config).ToString());
    }

    /// <summary>The archive: the layers sent, the config, and a manifest naming every layer (base and held ones too, which the engine has).</summary>
    private static async Task WriteArchiveAsync(
        Stream archive, byte[] config, IReadOnlyList<OciDigest> baseDiffIds, IReadOnlyList<OciDigest> diffIds, IReadOnlyList<Layer> sent,
        IReadOnlyList<ImageReference> tags, CancellationToken cancellationToken)
    {
        var configName = OciDigest.Of(config).Hex + ".json";
        await using var writer = new TarWriter(archive, TarEntryFormat.Gnu, leaveOpen: true);
        foreach (var layer in sent)
            await WriteFileAsync(writer, LayerName(layer.DiffId), layer.Tar, cancellationToken).ConfigureAwait(false);
        await WriteFileAsync(writer, configName, config, cancellationToken).ConfigureAwait(false);

        var manifest = new JsonArray(new JsonObject
        {
            ["Config"] = configName,
            ["RepoTags"] = new JsonArray(tags.Select(t => (JsonNode)t.ToString()).ToArray()),
            ["Layers"] = new JsonArray([.. baseDiffIds.Concat(diffIds).Select(d => (JsonNode)LayerName(d))]),
        });
        await WriteFileAsync(writer, "manifest.json", OciJson.Serialize(manifest), cancellationToken).ConfigureAwait(false);
    }

    private static async Task WriteFileAsync(TarWriter writer, string name, byte[] content, CancellationToken cancellationToken)
    {
        var entry = DeterministicTar.NewEntry(TarEntryType.RegularFile, name, DeterministicTar.FileMode);
        entry.DataStream = new MemoryStream(content, writable: false);
        await writer.WriteEntryAsync(entry, cancellationToken).ConfigureAwait(false);
    }

    private static string LayerName(OciDigest diffId) => diffId.Hex + "/layer.tar";
}
