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
    /// PublishImage: pushes each image of the list to --registry (nothing without it) with the user's credentials, under each of its tags,
    /// attaches its SBOM, signs it with --sign-key (an index and each of its platforms' manifests; once per digest), and saves the digest in
    /// image/&lt;binary&gt;.digest and every pushed tag's in image/digests.txt. An engine's image is pushed by the engine; an OCI layout's and
    /// a multi-platform index (read back from the layout) with the registry API. The key is read before anything is pushed.
    /// </summary>
    public Task PublishImageAsync(CancellationToken cancellationToken)
    {
        var images = ImageList.Read(Layout);
        if (Settings.Registry is null)
        {
            _logger.LogInformation("PublishImage: no --registry given, so nothing is pushed{Signed}. The images: {Images}", Settings.SignKey is null ? "" : " or signed",
                string.Join(", ", images.Select(i => $"{i.Reference} ({i.Where})")));
            return Task.CompletedTask;
        }
        // Before anything is pushed: an archive alone has no pusher here (the engine pushes its own image, the registry API a layout).
        if (images.FirstOrDefault(i => !i.InEngine && i.Layout is null) is { } archiveOnly)
            throw new PipelineArgumentException(PipelineArguments.OutputFormat, $"PublishImage cannot push {archiveOnly.Reference}: it was written only as a docker-archive ({archiveOnly.Archive}), " +
                $"and a push needs the image in the engine or an OCI layout. Compose it with {PipelineArguments.OutputFormat.CommandLine}=engine or oci (e.g. oci,docker-archive), or leave out {PipelineArguments.Registry.CommandLine}.");
        return TimedAsync("PublishImage", async () =>
        {
            using var signingKey = LoadSigningKey();
            Docker.DockerEngine? engine = null;
            try
            {
                var pushed = new List<string>();
                foreach (var image in images)
                {
                    OciDigest? attachedTo = null;
                    string? firstDigest = null;
                    var signed = new HashSet<string>(StringComparer.Ordinal);
                    foreach (var tag in image.Tags)
                    {
                        var request = PublishRequestFor(image, tag);
                        PublishedImage published;
                        if (image.IsIndex)
                        {
                            // The index's SBOMs go up with it (once: every tag names the same index).
                            var index = await PublishableIndex.ReadAsync(image.Layout!, image.Tag, platform => Layout.SbomFile(image.Repository, platform), cancellationToken).ConfigureAwait(false);
                            var pushedIndex = await MultiPlatformPublishStep.RunAsync(new MultiPlatformPublishRequest(index, request) { AttachSboms = Settings.Sbom && attachedTo is null }, _logger, cancellationToken).ConfigureAwait(false);
                            published = pushedIndex.Published;
                            if (signingKey is not null && attachedTo is null)
                                foreach (var (_, manifest) in pushedIndex.Platforms) await ImageSignStep.RunAsync(new ImageSignRequest(request, manifest, signingKey), _logger, cancellationToken).ConfigureAwait(false);
                            attachedTo ??= OciDigest.Parse(published.Digest);
                        }
                        else
                        {
                            var local = $"{image.Repository}:{tag}";
                            if (image.InEngine)
                            {
                                engine ??= await ConnectAsync(cancellationToken).ConfigureAwait(false);
                                var pushing = engine;
                                if (image.Layout is { } layout && await EngineImageIsTheLayoutsAsync(pushing, local, layout, tag, cancellationToken).ConfigureAwait(false))
                                    published = await PushLayoutAsync(layout, tag, request, cancellationToken).ConfigureAwait(false);
                                else
                                    published = await EngineLoss.ReportAsync(pushing, cancellationToken, () => PublishImageStep.RunAsync(pushing, local, request, _logger, cancellationToken)).ConfigureAwait(false);
                            }
                            else
                            {
                                published = await PushLayoutAsync(image.Layout!, image.Tag, request, cancellationToken).ConfigureAwait(false);
                            }
                            // One SBOM per pushed manifest: a further tag of the same digest already has it.
                            var sbom = Layout.SbomFile(image.Repository, Settings.Platform);
                            if (Settings.Sbom && File.Exists(sbom) && attachedTo?.ToString() != published.Digest)
                            {
                                await AttachSbomAsync(sbom, published.Digest, request, _logger, cancellationToken).ConfigureAwait(false);
                                attachedTo = OciDigest.Parse(published.Digest);
                            }
                        }
                        // A signature names the repository and the digest, not the tag: once per digest.
                        if (signingKey is not null && signed.Add(published.Digest))
                            await ImageSignStep.RunAsync(new ImageSignRequest(request, OciDigest.Parse(published.Digest), signingKey), _logger, cancellationToken).ConfigureAwait(false);
                        Summary.AddDigest($"{image.Repository}:{tag}", published.Reference, published.Digest);
                        pushed.Add($"{published.Reference} {published.Digest}");
                        firstDigest ??= published.Digest;
                    }
                    // Each push wrote the file; the first tag's digest is the one it keeps.
                    if (image.AdditionalTags.Count > 0)
                        ArtifactFile.Write(Layout.DigestFile(image.Binary), ArtifactFile.DataMode, file => file.Write(System.Text.Encoding.UTF8.GetBytes(firstDigest + "\n")));
                }
                ArtifactFile.Write(Layout.DigestListFile, ArtifactFile.DataMode, file => file.Write(System.Text.Encoding.UTF8.GetBytes(string.Concat(pushed.Select(p => p + "\n")))));
            }
            finally
            {
                engine?.Dispose();
            }
        });
    }

    /// <summary>
    /// Whether the engine's image of this tag is the layout's (its ID is the config's digest): then the layout is pushed with the registry
    /// API, its layers already gzipped and their digests known, and the manifest digest is the reproducible one; else the engine pushes what it holds.
    /// </summary>
    private async Task<bool> EngineImageIsTheLayoutsAsync(Docker.DockerEngine engine, string local, string layout, string tag, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(layout)) return false;
        OciDigest config;
        try
        {
            config = (await OciLayoutReader.OpenAsync(layout, tag, null, cancellationToken).ConfigureAwait(false)).Manifest.Config.Digest;
        }
        catch (InvalidImageSourceException)
        {
            return false;
        }
        var inEngine = await EngineLoss.ReportAsync(engine, cancellationToken, () => engine.Api.InspectImageAsync(local, cancellationToken)).ConfigureAwait(false);
        if (inEngine?.Id == config.ToString()) return true;
        _logger.LogInformation("PublishImage: {Image} in the engine ({Id}) is not the image of {Layout} ({Config}), so the engine pushes it", local, inEngine?.Id ?? "missing", layout, config);
        return false;
    }

    private async Task<PublishedImage> PushLayoutAsync(string layout, string tag, PublishRequest request, CancellationToken cancellationToken) =>
        (await DistributionPublishStep.RunAsync(new DistributionPublishRequest(layout, request) { LayoutTag = tag }, _logger, cancellationToken).ConfigureAwait(false)).Published;

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

    /// <summary>The push of one tag of an image; image/&lt;binary&gt;.digest ends up holding the first tag's digest.</summary>
    private PublishRequest PublishRequestFor(ImageListEntry image, string tag) => new()
    {
        Registry = Settings.Registry!,
        Repository = image.Repository,
        Tag = tag,
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
