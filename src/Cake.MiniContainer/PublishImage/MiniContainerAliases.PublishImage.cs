using Cake.Core;
using Cake.Core.Annotations;
using Cake.MiniContainer.Hosting;
using Cake.MiniContainer.PublishImage;
using MiniContainer.Publish;
using MiniContainer.Pipeline;

namespace Cake.MiniContainer;

public static partial class MiniContainerAliases
{
    /// <summary>Publish: tags and pushes the image with the user's credentials; saves and returns the digest.</summary>
    [CakeMethodAlias]
    public static PushedImage PublishImage(this ICakeContext context, string image, PublishImageSettings settings)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentException.ThrowIfNullOrWhiteSpace(image);
        ArgumentNullException.ThrowIfNull(settings);
        var request = settings.ToRequest(context);
        return StepExecution.Run(context, "PublishImage", settings, async (engine, logger, ct) =>
        {
            var published = await PublishImageStep.RunAsync(engine, image, request, logger, ct).ConfigureAwait(false);
            RunSummary.Current.AddDigest(image, published.Reference, published.Digest);
            return new PushedImage(published.Reference, published.Digest, published.PinnedReference, published.DigestFile);
        });
    }
}
