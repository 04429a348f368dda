using Cake.Core;
using Cake.Core.Annotations;
using Cake.Core.IO;
using Cake.MiniContainer.Hosting;
using Cake.MiniContainer.ImageIndex;
using Cake.MiniContainer.PublishImage;
using MiniContainer.Compose.MultiPlatform;
using MiniContainer.Publish;
using MiniContainer.Sbom;
using MiniContainer.Pipeline;

namespace Cake.MiniContainer;

public static partial class MiniContainerAliases
{
    /// <summary>
    /// Multi-platform image: per platform, compiles (CGO off cross-compiles; CGO on needs a cross C compiler),
    /// verifies the binary's machine, composes the image with provenance labels and writes its SBOM; then an
    /// OCI image index over them in &lt;output&gt;/oci/&lt;image&gt;. A Docker Engine cannot hold it, so it is written without one.
    /// </summary>
    [CakeMethodAlias]
    public static BuiltImageIndex BuildImageIndex(this ICakeContext context, ImageIndexSettings settings)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentException.ThrowIfNullOrWhiteSpace(settings.ImageName);
        var output = settings.OutputDirectory.MakeAbsolute(context.Environment).FullPath;
        return StepExecution.Run(context, "ComposeImage", async (logger, ct) =>
        {
            var module = settings.LoadModule(context);
            var platforms = TargetPlatforms.Parse(string.Join(",", settings.Platforms));
            using var selected = await settings.SelectAsync(logger, ct).ConfigureAwait(false);
            var image = await EngineLoss.ReportAsync(selected.Engine, ct, async () => await MultiPlatformImageStep.RunAsync(selected, new MultiPlatformImageRequest
            {
                Module = module,
                Options = settings.ToOptions(context),
                Platforms = platforms,
                Spec = ToSpec(context, settings.Image).WithLabels(await settings.Image.Labels.ResolveAsync(ct, logger).ConfigureAwait(false)),
                ImageName = settings.ImageName,
                Tag = settings.Tag,
                OutputDirectory = output,
                Builder = await settings.GoBuilderForAsync(selected, module, logger, ct).ConfigureAwait(false),
                CrossCompilers = new Dictionary<string, string>(settings.CrossCompilers, StringComparer.Ordinal),
                Sbom = settings.Sbom,
                Source = settings.Image.Labels.Source,
                SourceDirectory = settings.Image.Labels.SourceDirectory,
                DockerArchives = settings.DockerArchives,
                Login = settings.Image.RegistryLogin,
                Transport = settings.Image.RegistryTransport,
            }, logger, ct).ConfigureAwait(false)).ConfigureAwait(false);
            foreach (var platform in image.Images)
            {
                foreach (var binary in platform.Binaries) RunSummary.Current.AddBinary($"{binary.Name} ({platform.Platform})", binary.SizeBytes);
                RunSummary.Current.AddImage($"{image.ImageName}:{MultiPlatformImageStep.PlatformTag(image.Tag, platform.Platform)}", platform.Image.CompressedSize);
            }
            return new BuiltImageIndex($"{image.ImageName}:{image.Tag}", image.IndexDigest.ToString(), image.LayoutDirectory,
                image.Images.Select(i => i.Platform.ToString()).ToList(),
                image.Images.Where(i => i.Sbom is not null).Select(i => new FilePath(i.Sbom!.Path)).ToList(),
                image.Images.Where(i => i.Image.ArchivePath is not null).Select(i => new FilePath(i.Image.ArchivePath!)).ToList()) { Image = image };
        });
    }

    /// <summary>Pushes a multi-platform image (each platform's image, the index under the tag, each SBOM attached); saves and returns the index digest.</summary>
    [CakeMethodAlias]
    public static PushedImage PublishImageIndex(this ICakeContext context, BuiltImageIndex image, PublishImageSettings settings)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(settings);
        var request = settings.ToRequest(context);
        return StepExecution.Run(context, "PublishImage", async (logger, ct) =>
        {
            // This run's image, or the one an earlier run left in the layout (with the SBOMs it names).
            var name = image.Reference[..image.Reference.LastIndexOf(':')];
            var index = image.Image?.ToPublishable() ?? await PublishableIndex.ReadAsync(image.LayoutDirectory.FullPath, image.Reference[(image.Reference.LastIndexOf(':') + 1)..],
                platform => image.Sboms.Select(s => s.FullPath).FirstOrDefault(f => System.IO.Path.GetFileName(f) == SbomRequest.DefaultFileName(name, platform)) ?? "", ct).ConfigureAwait(false);
            var pushed = await MultiPlatformPublishStep.RunAsync(new MultiPlatformPublishRequest(index, request), logger, ct).ConfigureAwait(false);
            var published = pushed.Published;
            RunSummary.Current.AddDigest(image.Reference, published.Reference, published.Digest);
            return new PushedImage(published.Reference, published.Digest, published.PinnedReference, published.DigestFile);
        });
    }
}
