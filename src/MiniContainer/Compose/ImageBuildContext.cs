using System.Formats.Tar;
using System.Text;
using MiniContainer.Docker;
using MiniContainer.Images;

namespace MiniContainer.Compose;

/// <summary>
/// The build context: only the Dockerfile, the binaries, the CA bundle and the support layers' files, in a fixed order with
/// fixed times and owners, so the same inputs give the same bytes and reuse the engine's cache.
/// </summary>
public static class ImageBuildContext
{
    public static void Write(Stream destination, RuntimeImageSpec spec, string dockerfile)
    {
        using var writer = new TarWriter(destination, TarEntryFormat.Gnu, leaveOpen: true);
        var dockerfileEntry = DeterministicTar.NewEntry(TarEntryType.RegularFile, ImageContextLayout.Dockerfile, DeterministicTar.FileMode);
        dockerfileEntry.DataStream = new MemoryStream(new UTF8Encoding(false).GetBytes(dockerfile));
        writer.WriteEntry(dockerfileEntry);

        writer.WriteEntry(DeterministicTar.NewEntry(TarEntryType.Directory, ImageContextLayout.AppFolder + "/", DeterministicTar.DirectoryMode));
        // Mode 0755 whatever the host file says: the image's non-root user must be able to run it
        // (the legacy builder has no COPY --chmod).
        foreach (var binary in spec.Binaries.OrderBy(b => b.Name, StringComparer.Ordinal))
            DeterministicTar.WriteFile(writer, binary.HostPath, ImageContextLayout.Binary(binary), DeterministicTar.ExecutableMode);

        foreach (var (folder, content) in Oci.Layers.RuntimeImageLayers.SupportLayers(spec))
        {
            writer.WriteEntry(DeterministicTar.NewEntry(TarEntryType.Directory, folder + "/", DeterministicTar.DirectoryMode));
            Oci.Layers.LayerWriter.WriteEntries(writer, content, DeterministicTar.FixedTime, folder);
        }

        if (spec.CaBundleFile is not null)
        {
            var folder = ImageContextLayout.CaBundle[..ImageContextLayout.CaBundle.LastIndexOf('/')];
            writer.WriteEntry(DeterministicTar.NewEntry(TarEntryType.Directory, folder + "/", DeterministicTar.DirectoryMode));
            DeterministicTar.WriteFile(writer, spec.CaBundleFile, ImageContextLayout.CaBundle, DeterministicTar.FileMode);
        }
    }
}
