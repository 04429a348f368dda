using Cake.Core;
using Cake.Core.Annotations;
using Cake.Core.IO;
using Cake.MiniContainer.ComposeImage;
using Cake.MiniContainer.Hosting;
using MiniContainer.Compose;
using MiniContainer.Oci;
using MiniContainer.Oci.Outputs;
using MiniContainer.Pipeline;

namespace Cake.MiniContainer;

public static partial class MiniContainerAliases
{
    /// <summary>
    /// Image without an engine: composes the same runtime image as <c>ComposeImage</c> and writes it as an
    /// OCI image layout (tagged in the layout) and, when <paramref name="archiveFile"/> is given, a
    /// docker-archive for <c>docker load</c>. The base is scratch, oci:&lt;dir&gt;, docker-archive:&lt;file&gt; or a registry image.
    /// </summary>
    [CakeMethodAlias]
    public static OciImage ComposeOciImage(this ICakeContext context, ComposeImageSettings settings, DirectoryPath layoutDirectory, FilePath? archiveFile = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(layoutDirectory);
        if (settings.Binaries.Count == 0) throw new ArgumentException("ComposeOciImage: name at least one binary.", nameof(settings));
        if (settings.Tags.Count == 0) throw new ArgumentException("ComposeOciImage: name at least one tag, e.g. \"hello:latest\".", nameof(settings));
        var layout = layoutDirectory.MakeAbsolute(context.Environment).FullPath;
        var archive = archiveFile?.MakeAbsolute(context.Environment).FullPath;
        return StepExecution.Run(context, "ComposeImage", async (logger, ct) =>
        {
            var spec = await LabelledSpecAsync(context, settings, logger, ct).ConfigureAwait(false);
            var image = await DaemonlessComposeStep.RunAsync(new DaemonlessComposeRequest(spec, settings.Tags.ToList(), new OciOutputs(layout, archive))
            {
                SourceDirectory = settings.Labels.SourceDirectory,
                Login = settings.RegistryLogin,
                Transport = settings.RegistryTransport,
                Platform = settings.Platform is { } platform ? OciPlatform.Parse(platform) : null,
            }, logger, ct).ConfigureAwait(false);
            RunSummary.Current.AddImage(image.Tags[0], image.CompressedSize);
            return new OciImage(image.Tags, image.ManifestDigest.ToString(), image.ConfigDigest.ToString(), layout, archive is null ? null : new FilePath(archive), image.CompressedSize);
        });
    }
}
