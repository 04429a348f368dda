using MiniContainer.Compose;
using MiniContainer.Images;

namespace MiniContainer.Oci.Layers;

/// <summary>
/// The layers a <see cref="RuntimeImageSpec"/> adds, with the same files, paths and modes as the
/// engine path's Dockerfile (<see cref="DockerfileRenderer"/>): the CA bundle at
/// /etc/ssl/certs/ca-certificates.crt (0644), then /app (0755) with every binary (0755).
/// The CA layer comes first and apart, so a new binary leaves it (and its registry blob) unchanged.
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

        var app = new LayerContent().WithDirectory(RuntimeImageSpec.AppDirectory);
        foreach (var binary in spec.Binaries.OrderBy(b => b.Name, StringComparer.Ordinal))
            app = app.WithFile(binary.ImagePath, binary.HostPath, LayerContent.ExecutableMode);
        layers.Add(app.DescribedAs($"COPY {ImageContextLayout.AppFolder}/ {RuntimeImageSpec.AppDirectory}/"));
        return layers;
    }
}
