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
    public static IReadOnlyList<LayerContent> For(RuntimeImageSpec spec)
    {
        var layers = new List<LayerContent>();
        if (spec.CaBundleFile is not null)
            layers.Add(new LayerContent()
                .WithFile(RuntimeImageSpec.CaBundleImagePath, spec.CaBundleFile, LayerContent.FileMode)
                .DescribedAs($"COPY {ImageContextLayout.CaBundle} {RuntimeImageSpec.CaBundleImagePath}"));
        layers.AddRange(SupportLayers(spec).Select(l => l.Content));

        var app = new LayerContent().WithDirectory(RuntimeImageSpec.AppDirectory);
        // As the Dockerfile's WORKDIR makes it: a program may rely on starting in a folder that exists.
        if (spec.WorkingDirectory != RuntimeImageSpec.AppDirectory && spec.WorkingDirectory != "/") app = app.WithDirectory(spec.WorkingDirectory);
        foreach (var binary in spec.Binaries.OrderBy(b => b.Name, StringComparer.Ordinal))
            app = app.WithFile(binary.ImagePath, binary.HostPath, LayerContent.ExecutableMode);
        layers.Add(app.DescribedAs($"COPY {ImageContextLayout.AppFolder}/ {RuntimeImageSpec.AppDirectory}/"));
        return layers;
    }

    /// <summary>The layers between the CA bundle and the binaries, each with the context folder the Dockerfile path copies it from.</summary>
    public static IReadOnlyList<(string ContextFolder, LayerContent Content)> SupportLayers(RuntimeImageSpec spec)
    {
        var layers = new List<(string, LayerContent)>();
        if (spec.IsScratch) layers.Add(("rootfs-system", ScratchSystemFiles.For(spec.User)));
        if (spec.TimeZoneDatabase is { } zoneinfo)
            layers.Add(("rootfs-zoneinfo", new LayerContent().WithTree(RuntimeImageSpec.ZoneInfoImagePath, zoneinfo).DescribedAs($"COPY zoneinfo/ {RuntimeImageSpec.ZoneInfoImagePath}/")));
        if (spec.ExtraFiles is { } extra)
            layers.Add(("rootfs-extra", new LayerContent().WithTree(extra.ImagePath, extra.HostDirectory).DescribedAs($"COPY extra-files/ {extra.ImagePath}/")));
        return layers;
    }
}
