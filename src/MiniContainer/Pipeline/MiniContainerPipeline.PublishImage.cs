using Microsoft.Extensions.Logging;
using MiniContainer.Docker.Credentials;
using MiniContainer.Compose.MultiPlatform;
using MiniContainer.Publish;
using MiniContainer.Compose;
using MiniContainer.Oci;
using MiniContainer.Registry;
using MiniContainer.Sbom;
using MiniContainer.Sbom.Attach;
using MiniContainer.Sign;

namespace MiniContainer.Pipeline;

public sealed partial class MiniContainerPipeline
{
    /// <summary>
    /// PublishImage: pushes each image of the list to --registry (nothing without it) with the user's credentials,
    /// attaches its SBOM, signs it with --sign-key (an index and each of its platforms' manifests), and saves the digest in
    /// image/&lt;binary&gt;.digest. An engine's image is pushed by the engine; an OCI layout's and a multi-platform index (read
    /// back from the layout) with the registry API. The key is read before anything is pushed.
    /// </summary>
    public Task PublishImageAsync(CancellationToken cancellationToken)
    {
        var images = ImageList.Read(Layout);
        if (Settings.Registry is null)
        {
            _logger.LogInformation("PublishImage: no --registry given, so nothing is pushed{Signed}. The images: {Images}", Settings.SignKey is null ? "" : " or signed",
                string.Join(", ", images.Select(i => i.InEngine ? $"{i.Reference} (in the engine)" : $"{i.Reference} ({i.Layout})")));
            return Task.CompletedTask;
        }
        return TimedAsync("PublishImage", async () =>
        {
            using var signingKey = LoadSigningKey();
            Docker.DockerEngine? engine = null;
            try
            {
                foreach (var image in images)
                {
                    var request = PublishRequestFor(image);
                    PublishedImage published;
                    if (image.IsIndex)
                    {
                        // The index's SBOMs go up with it.
                        var index = await PublishableIndex.ReadAsync(image.Layout!, image.Tag, platform => Layout.SbomFile(image.Repository, platform), cancellationToken).ConfigureAwait(false);
                        var pushed = await MultiPlatformPublishStep.RunAsync(new MultiPlatformPublishRequest(index, request) { AttachSboms = Settings.Sbom }, _logger, cancellationToken).ConfigureAwait(false);
                        published = pushed.Published;
                        if (signingKey is not null)
                            foreach (var (_, manifest) in pushed.Platforms) await ImageSignStep.RunAsync(new ImageSignRequest(request, manifest, signingKey), _logger, cancellationToken).ConfigureAwait(false);
                    }
                    else
                    {
                        if (image.InEngine)
                        {
                            engine ??= await ConnectAsync(cancellationToken).ConfigureAwait(false);
                            var pushing = engine;
                            published = await EngineLoss.ReportAsync(pushing, cancellationToken, () => PublishImageStep.RunAsync(pushing, image.Reference, request, _logger, cancellationToken)).ConfigureAwait(false);
                        }
                        else
                        {
                            published = (await DistributionPublishStep.RunAsync(new DistributionPublishRequest(image.Layout!, request) { LayoutTag = image.Tag }, _logger, cancellationToken).ConfigureAwait(false)).Published;
                        }
                        var sbom = Layout.SbomFile(image.Repository, Settings.Platform);
                        if (Settings.Sbom && File.Exists(sbom)) await AttachSbomAsync(sbom, published.Digest, request, _logger, cancellationToken).ConfigureAwait(false);
                    }
                    if (signingKey is not null)
                        await ImageSignStep.RunAsync(new ImageSignRequest(request, OciDigest.Parse(published.Digest), signingKey), _logger, cancellationToken).ConfigureAwait(false);
                    Summary.AddDigest(image.Reference, published.Reference, published.Digest);
                }
            }
            finally
            {
                engine?.Dispose();
            }
        });
    }

    /// <summary>The --sign-key, read and checked now; null when nothing is to be signed. A bad key names the argument to fix.</summary>
    private ImageSigningKey? LoadSigningKey()
    {
        if (Settings.SignKey is not { } file) return null;
        try
        {
            return ImageSigningKey.Load(file, Settings.SignKeyPassword);
        }
        catch (SigningKeyException e) when (e.PasswordProblem)
        {
            throw new PipelineArgumentException(PipelineArguments.SignKeyPassword, $"{PipelineArguments.SignKey.CommandLine}={file} {e.Message} " +
                $"Set {PipelineArguments.SignKeyPassword.EnvironmentVariable} (or the build script's SignKeyPassword) to its password.");
        }
        catch (SigningKeyException e)
        {
            throw new PipelineArgumentException(PipelineArguments.SignKey, $"{PipelineArguments.SignKey.CommandLine}={file} {e.Message}");
        }
    }

    private PublishRequest PublishRequestFor(ImageListEntry image) => new()
    {
        Registry = Settings.Registry!,
        Repository = image.Repository,
        Tag = Settings.Tag,
        Credentials = Settings.RegistryUsername is { } user && Settings.RegistryPassword is { } password ? new RegistryCredentials(user, password) : null,
        Transport = Settings.RegistryTransport,
        DigestFile = Layout.DigestFile(image.Binary),
    };

    /// <summary>Attaches an SBOM on disk to an image already pushed (by its digest), as an OCI artifact whose subject is the image.</summary>
    public static async Task<AttachedSbom> AttachSbomAsync(string sbomFile, string imageDigest, PublishRequest target, ILogger logger, CancellationToken cancellationToken)
    {
        var bytes = await File.ReadAllBytesAsync(sbomFile, cancellationToken).ConfigureAwait(false);
        // The attacher reads the file itself and checks it against this digest; provenance is not sent again.
        var sbom = new SbomFile(sbomFile, OciDigest.Of(bytes), bytes.Length, BuildProvenance.None);
        return await SbomAttachStep.RunAsync(new SbomAttachRequest(sbom, target, OciDigest.Parse(imageDigest)), logger, cancellationToken).ConfigureAwait(false);
    }
}
