using Cake.Core;
using Cake.Core.Annotations;
using Cake.Core.IO;
using Cake.MiniContainer.Hosting;
using Cake.MiniContainer.PublishImage;
using MiniContainer.Publish;
using MiniContainer.Registry;
using MiniContainer.Pipeline;

namespace Cake.MiniContainer;

public static partial class MiniContainerAliases
{
    /// <summary>
    /// Publish without an engine: pushes an image of an OCI layout (ComposeOciImage's) with the registry API; saves and returns the digest.
    /// <paramref name="layoutTag"/> is the image's name in the layout (its tag); null when the layout holds one image.
    /// </summary>
    [CakeMethodAlias]
    public static PushedImage PublishOciImage(this ICakeContext context, DirectoryPath layoutDirectory, PublishImageSettings settings, string? layoutTag = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(layoutDirectory);
        ArgumentNullException.ThrowIfNull(settings);
        var request = settings.ToRequest(context);
        var layout = layoutDirectory.MakeAbsolute(context.Environment).FullPath;
        return StepExecution.Run(context, "PublishImage", async (logger, ct) =>
        {
            var pushed = await DistributionPublishStep.RunAsync(new DistributionPublishRequest(layout, request) { LayoutTag = layoutTag }, logger, ct).ConfigureAwait(false);
            var published = pushed.Published;
            RunSummary.Current.AddDigest($"{settings.Repository}:{layoutTag ?? settings.Tag}", published.Reference, published.Digest);
            return new PushedImage(published.Reference, published.Digest, published.PinnedReference, published.DigestFile);
        });
    }
}
