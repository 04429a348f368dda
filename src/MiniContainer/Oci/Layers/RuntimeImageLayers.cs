using MiniContainer.Compose;
using MiniContainer.Images;

namespace MiniContainer.Oci.Layers;

/// <summary>
/// The layers a <see cref="RuntimeImageSpec"/> adds, with the same files, paths and modes as the
/// engine path's Dockerfile (<see cref="DockerfileRenderer"/>): the CA bundle at
/// /etc/ssl/certs/ca-certificates.crt (0644), then /app (0755) with every binary (0755).
/// Between them, the <see cref="SupportLayers"/>: scratch's system files, the zoneinfo database, the extra files.
/// The CA layer comes first and apart, and the binaries last, so a new binary leaves the others (and their registry blobs) unchanged.
/// </summary>
public static class RuntimeImageLayers
{
    public static IReadOnlyList<LayerContent> For(RuntimeImageSpec spec) => Planned(spec).Select(layer => layer.Content()).ToList();

    /// <summary>
    /// The same layers, each read from its files only when <see cref="PlannedLayer.Content"/> is called; the zoneinfo layer with
    /// what fixes its content when the spec knows it, and the binaries' by their sizes and times, so their diffIDs can be taken from <see cref="LayerDigestRecord"/> instead.
    /// </summary>
    internal static IReadOnlyList<PlannedLayer> Planned(RuntimeImageSpec spec)
    {
        var layers = new List<PlannedLayer>();
        if (spec.CaBundleFile is { } caBundle)
            layers.Add(new PlannedLayer($"COPY {ImageContextLayout.CaBundle} {RuntimeImageSpec.CaBundleImagePath}",
                () => new LayerContent().WithFile(RuntimeImageSpec.CaBundleImagePath, caBundle, LayerContent.FileMode)));
        layers.AddRange(SupportLayersPlanned(spec).Select(l => l.Layer));
        // As the Dockerfile's WORKDIR makes it: a program may rely on starting in a folder that exists.
        List<string> appDirectories = spec.WorkingDirectory != RuntimeImageSpec.AppDirectory && spec.WorkingDirectory != "/"
            ? [RuntimeImageSpec.AppDirectory, spec.WorkingDirectory]
            : [RuntimeImageSpec.AppDirectory];
        var binaries = spec.Binaries.OrderBy(b => b.Name, StringComparer.Ordinal).ToList();
        layers.Add(new PlannedLayer($"COPY {ImageContextLayout.AppFolder}/ {RuntimeImageSpec.AppDirectory}/", () =>
        {
            var app = new LayerContent();
            foreach (var directory in appDirectories) app = app.WithDirectory(directory);
            foreach (var binary in binaries) app = app.WithFile(binary.ImagePath, binary.HostPath, LayerContent.ExecutableMode);
            return app;
        }, BinariesKey(appDirectories, binaries)));
        return layers;
    }

    /// <summary>The binaries' layer known by their sizes and times, recorded in the first one's folder (where Compile wrote them).</summary>
    private static LayerRecordKey? BinariesKey(IReadOnlyList<string> directories, IReadOnlyList<ImageBinary> binaries) =>
        binaries.Count == 0
            ? null
            : LayerRecordKey.ForFiles(
                Path.Combine(Path.GetDirectoryName(Path.GetFullPath(binaries[0].HostPath))!, LayerRecordKey.BinariesRecordName),
                directories, binaries.Select(b => (b.ImagePath, b.HostPath)));

    /// <summary>The layers between the CA bundle and the binaries, each with the context folder the Dockerfile path copies it from.</summary>
    public static IReadOnlyList<(string ContextFolder, LayerContent Content)> SupportLayers(RuntimeImageSpec spec) =>
        SupportLayersPlanned(spec).Select(l => (l.ContextFolder, l.Layer.Content())).ToList();

    /// <summary>The context folders of <see cref="SupportLayers"/>, without reading their files (the Dockerfile names only these).</summary>
    public static IReadOnlyList<string> SupportLayerFolders(RuntimeImageSpec spec) => SupportLayersPlanned(spec).Select(l => l.ContextFolder).ToList();

    private static List<(string ContextFolder, PlannedLayer Layer)> SupportLayersPlanned(RuntimeImageSpec spec)
    {
        var layers = new List<(string, PlannedLayer)>();
        if (spec.IsScratch) layers.Add(("rootfs-system", new PlannedLayer(ScratchSystemFiles.For(spec.User).CreatedBy, () => ScratchSystemFiles.For(spec.User))));
        if (spec.TimeZoneDatabase is { } zoneinfo)
            layers.Add(("rootfs-zoneinfo", new PlannedLayer($"COPY zoneinfo/ {RuntimeImageSpec.ZoneInfoImagePath}/",
                () => new LayerContent().WithTree(RuntimeImageSpec.ZoneInfoImagePath, zoneinfo),
                spec.TimeZoneDatabaseSource is { } source ? LayerRecordKey.ForTree(zoneinfo, RuntimeImageSpec.ZoneInfoImagePath, source) : null)));
        if (spec.ExtraFiles is { } extra)
            layers.Add(("rootfs-extra", new PlannedLayer($"COPY extra-files/ {extra.ImagePath}/", () => new LayerContent().WithTree(extra.ImagePath, extra.HostDirectory))));
        return layers;
    }
}

/// <summary>A layer of a spec, read from its files when <see cref="Content"/> is called.</summary>
/// <param name="Known">What fixes the layer's content without reading it, and where its diffID is recorded; null when only its files tell.</param>
internal sealed record PlannedLayer(string CreatedBy, Func<LayerContent> Files, LayerRecordKey? Known = null)
{
    public LayerContent Content() => Files().DescribedAs(CreatedBy);
}
