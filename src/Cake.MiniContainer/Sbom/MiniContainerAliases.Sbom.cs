using Cake.Core;
using Cake.Core.Annotations;
using Cake.Core.IO;
using Cake.MiniContainer.Hosting;
using Cake.MiniContainer.PublishImage;
using Cake.MiniContainer.Sbom;
using MiniContainer.Images;
using MiniContainer.Oci;
using MiniContainer.Sbom;
using MiniContainer.Pipeline;
using MiniContainer.Sbom.Attach;

namespace Cake.MiniContainer;

public static partial class MiniContainerAliases
{
    /// <summary>SBOM: writes the image's SPDX 2.3 JSON document (each binary's Go modules, the base image, provenance) to &lt;output&gt;/sbom/.</summary>
    [CakeMethodAlias]
    public static WrittenSbom WriteSbom(this ICakeContext context, WriteSbomSettings settings)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Binaries.Count == 0) throw new ArgumentException("WriteSbom: name at least one binary.", nameof(settings));
        var binaries = settings.Binaries.Select(b => b.MakeAbsolute(context.Environment).FullPath).Select(b => new SbomBinaryFile(b, new ImageBinary(b).ImagePath)).ToList();
        var platform = settings.Platform is { } p ? OciPlatform.Parse(p) : OciPlatform.LinuxFor(global::MiniContainer.Go.GoBuildOptions.HostGoArch());
        return StepExecution.Run(context, "Sbom", async (logger, ct) =>
        {
            var digest = settings.ManifestDigest is { } d ? OciDigest.Parse(d) : (OciDigest?)null;
            var baseImage = settings.LayoutDirectory is { } layout && digest is { } manifest
                ? await SbomBase.FromLayoutAsync(layout.MakeAbsolute(context.Environment).FullPath, manifest, ct).ConfigureAwait(false)
                : settings.BaseImage is { } name && name != RuntimeImageSpec.Scratch ? new SbomBaseImage(name, null) : null;
            var sbom = await SbomStep.RunAsync(new SbomRequest(settings.Repository, platform, binaries, settings.OutputDirectory.MakeAbsolute(context.Environment).FullPath)
            {
                Tag = settings.Tag,
                ManifestDigest = digest,
                Base = baseImage,
                Source = settings.SourceUrl,
                BuildFlags = settings.BuildFlags.ToList(),
                SourceDirectory = settings.SourceDirectory?.MakeAbsolute(context.Environment).FullPath,
            }, logger, ct).ConfigureAwait(false);
            return new WrittenSbom(sbom.Path, sbom.Digest.ToString(), sbom.Size);
        });
    }

    /// <summary>Attaches an SBOM file to an image already pushed (by its digest), as an OCI artifact whose subject is the image.</summary>
    [CakeMethodAlias]
    public static AttachedSbomArtifact AttachSbom(this ICakeContext context, FilePath sbomFile, string imageDigest, PublishImageSettings settings)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(sbomFile);
        ArgumentException.ThrowIfNullOrWhiteSpace(imageDigest);
        ArgumentNullException.ThrowIfNull(settings);
        var path = sbomFile.MakeAbsolute(context.Environment).FullPath;
        return StepExecution.Run(context, "PublishImage", async (logger, ct) =>
        {
            var attached = await MiniContainerPipeline.AttachSbomAsync(path, imageDigest, settings.ToRequest(context), logger, ct).ConfigureAwait(false);
            return new AttachedSbomArtifact(attached.ArtifactDigest.ToString(), attached.Subject.ToString(), attached.ReferrersTag);
        });
    }
}
