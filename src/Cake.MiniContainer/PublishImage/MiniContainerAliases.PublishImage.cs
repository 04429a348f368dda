using Cake.Core;
using Cake.Core.Annotations;
using Cake.MiniContainer.Hosting;
using Cake.MiniContainer.PublishImage;
using MiniContainer.Docker.Credentials;
using MiniContainer.Images.Publish;

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
        if (string.IsNullOrEmpty(settings.Username) != string.IsNullOrEmpty(settings.Password))
            throw new ArgumentException("PublishImage: give both a user name and a password, or neither.", nameof(settings));
        var request = new PublishRequest
        {
            Registry = settings.Registry,
            Repository = settings.Repository,
            Tag = settings.Tag,
            Credentials = settings.Username is { Length: > 0 } user ? new RegistryCredentials(user, settings.Password!) : null,
            DockerConfigFile = settings.DockerConfigFile?.MakeAbsolute(context.Environment).FullPath,
            DigestFile = settings.DigestFile?.MakeAbsolute(context.Environment).FullPath ?? Path.GetFullPath(Path.Combine("artifacts", "image-digest.txt")),
        };
        return StepExecution.Run(context, "PublishImage", settings.DockerHost, async (engine, logger, ct) =>
        {
            var published = await PublishImageStep.RunAsync(engine, image, request, logger, ct).ConfigureAwait(false);
            RunSummary.Current.AddDigest(image, published.Reference, published.Digest);
            return new PushedImage(published.Reference, published.Digest, published.PinnedReference, published.DigestFile);
        });
    }
}
