using System.Text;
using MiniContainer.Images;

namespace MiniContainer.Compose;

/// <summary>
/// Renders the Dockerfile for a <see cref="RuntimeImageSpec"/>: the recipe's FROM / WORKDIR / COPY / CMD,
/// plus CA certificates, a non-root user and labels. Pure: same spec, same text, same layer cache.
/// </summary>
public static class DockerfileRenderer
{
    /// <summary>Alpine's folder for extra CAs that update-ca-certificates adds to the bundle.</summary>
    public const string AlpineExtraCaFile = "/usr/local/share/ca-certificates/minicontainer-extra.crt";

    public static string Render(RuntimeImageSpec spec)
    {
        var text = new StringBuilder();
        text.Append("FROM ").Append(spec.BaseImage).Append('\n');

        if (spec.InstallCaCertificatesWithApk)
        {
            if (spec.CaBundleFile is not null)
                text.Append("COPY ").Append(ImageContextLayout.CaBundle).Append(' ').Append(AlpineExtraCaFile).Append('\n');
            text.Append("RUN apk add --no-cache ca-certificates && update-ca-certificates\n");
        }
        else if (spec.CaBundleFile is not null)
        {
            text.Append("COPY ").Append(ImageContextLayout.CaBundle).Append(' ').Append(RuntimeImageSpec.CaBundleImagePath).Append('\n');
        }

        // Scratch's system files, the zoneinfo database, the extra files: one folder of the context each, modes from its tar.
        foreach (var folder in Oci.Layers.RuntimeImageLayers.SupportLayerFolders(spec))
            text.Append("COPY ").Append(folder).Append("/ /\n");

        text.Append("WORKDIR ").Append(spec.WorkingDirectory).Append('\n');
        // One COPY of the folder: one layer for all binaries; modes (0755) come from the context tar.
        text.Append("COPY ").Append(ImageContextLayout.AppFolder).Append("/ ").Append(RuntimeImageSpec.AppDirectory).Append("/\n");

        foreach (var (name, value) in spec.Environment)
            text.Append("ENV ").Append(name).Append('=').Append(Quote(value)).Append('\n');
        foreach (var port in spec.ExposedPorts)
            text.Append("EXPOSE ").Append(port).Append('\n');
        foreach (var (name, value) in spec.Labels)
            text.Append("LABEL ").Append(Quote(name)).Append('=').Append(Quote(value)).Append('\n');
        if (spec.User is not null)
            text.Append("USER ").Append(spec.User).Append('\n');

        text.Append("ENTRYPOINT ").Append(JsonArray(spec.EffectiveEntrypoint)).Append('\n');
        if (spec.Command is not null)
            text.Append("CMD ").Append(JsonArray(spec.Command)).Append('\n');
        return text.ToString();
    }

    // Exec form, so no shell is needed (scratch has none) and arguments are not re-split.
    // Escaped as the serializer does by default ('+', '<', non-ASCII as \uXXXX): the Dockerfile's text keys the engine's build cache.
    private static string JsonArray(IReadOnlyList<string> items) =>
        MiniContainerJsonContext.WriteText(items, MiniContainerJsonContext.Default.IReadOnlyListString, default);

    // Dockerfile double quotes: backslash escapes, and '$' would otherwise expand as a variable.
    private static string Quote(string value) =>
        "\"" + value.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("$", "\\$") + "\"";
}
