using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MiniContainer.Docker;
using MiniContainer.Docker.Images;
using MiniContainer.Images;
using MiniContainer.Oci;

namespace MiniContainer.Compose;

/// <summary>
/// The Image step: puts the spec's image together in the engine — loaded from layers and a config
/// written here when nothing needs to run in the image (see <see cref="ImageAssembly"/>), else built
/// from the rendered Dockerfile and a minimal deterministic context — tags it and reports what it weighs.
/// </summary>
public static class ComposeImageStep
{
    /// <exception cref="InvalidRuntimeImageSpecException">The spec cannot be built.</exception>
    /// <exception cref="InvalidImageReferenceException">A tag or the base image name is not valid.</exception>
    /// <exception cref="BaseImageUnavailableException">The base image is neither local nor pullable.</exception>
    /// <exception cref="ImageBuildFailedException">The engine failed the build for another reason.</exception>
    /// <exception cref="UnknownImageUserException">The user is a name the base's /etc/passwd lacks.</exception>
    public static async Task<ComposedEngineImage> RunAsync(DockerEngine engine, ComposeImageRequest request, ILogger? logger = null, CancellationToken cancellationToken = default)
    {
        logger ??= NullLogger.Instance;
        var spec = request.Spec;
        RuntimeImageSpecValidator.Validate(spec);
        var tags = request.Tags.Select(ImageReference.Parse).Select(t => t.Tag is null && t.Digest is null ? t.WithTag("latest") : t).ToList();
        var dockerfile = DockerfileRenderer.Render(spec);

        var baseImage = spec.IsScratch ? new BaseInEngine("scratch", 0) : await BaseInEngineOrNullAsync(engine, spec.BaseImage, cancellationToken).ConfigureAwait(false);
        var baseWasLocal = baseImage is not null;
        if (!baseWasLocal) logger.LogInformation("Image: base {Base} is not in the engine; the engine will try to pull it", spec.BaseImage);
        if (baseWasLocal && !spec.IsScratch && BaseImageUser.IsName(spec.User))
            BaseImageUser.Check(spec.User!, await BasePasswdAsync(engine, spec.BaseImage, cancellationToken).ConfigureAwait(false), spec.BaseImage);

        if (ImageAssemblyChoice.Choose(request.Assembly, spec, baseWasLocal) == ImageAssembly.Load)
        {
            try
            {
                return await LoadAsync(engine, request, tags, baseImage!, dockerfile, logger, cancellationToken).ConfigureAwait(false);
            }
            catch (ImageLoadFailedException e) when (request.Assembly == ImageAssembly.Auto)
            {
                logger.LogWarning("Image: {Error}; building it from the Dockerfile instead", e.Message);
            }
        }
        return await BuildAsync(engine, spec, tags, baseImage, dockerfile, logger, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<ComposedEngineImage> LoadAsync(
        DockerEngine engine, ComposeImageRequest request, IReadOnlyList<ImageReference> tags, BaseInEngine baseImage, string dockerfile, ILogger logger, CancellationToken cancellationToken)
    {
        var spec = request.Spec;
        var store = request.BlobCache ?? BlobStore.Default();
        var baseConfig = spec.IsScratch ? null : await EngineBaseConfigs.ReadAsync(engine, baseImage.Id, store, cancellationToken).ConfigureAwait(false);
        var created = request.Created ?? CreatedFromLabel(spec) ?? await ImageTimestamp.ResolveAsync(null, cancellationToken).ConfigureAwait(false);
        var loaded = await LoadedImageAssembler.RunAsync(engine, spec, baseConfig, created, tags, cancellationToken).ConfigureAwait(false);

        var sizes = await MeasureAsync(engine, spec, loaded.Id, baseImage, cancellationToken).ConfigureAwait(false);
        var tagNames = tags.Select(t => t.ToString()).ToList();
        if (loaded.AlreadyInEngine)
            logger.LogInformation("Image: up to date, {Tags} ({Id}) already in the engine from these inputs", string.Join(", ", tagNames), ShortId(loaded.Id));
        else
            logger.LogInformation("Image: {Tags} ({Id}) loaded on {Base}: {Sizes}", string.Join(", ", tagNames), ShortId(loaded.Id), spec.BaseImage, sizes);
        return new ComposedEngineImage(loaded.Id, tagNames, sizes, dockerfile, UpToDate: loaded.AlreadyInEngine) { Assembly = ImageAssembly.Load };
    }

    private static async Task<ComposedEngineImage> BuildAsync(
        DockerEngine engine, RuntimeImageSpec spec, IReadOnlyList<ImageReference> tags, BaseInEngine? baseImage, string dockerfile, ILogger logger, CancellationToken cancellationToken)
    {
        var baseWasLocal = baseImage is not null;
        using var context = new MemoryStream();
        ImageBuildContext.Write(context, spec, dockerfile);
        context.Position = 0;

        // Same context bytes on the same base give the same image: find it by its inputs label and skip the build.
        var inputs = baseWasLocal ? ComposeInputs.Fingerprint(context, baseImage!.Id) : null;
        if (inputs is not null && await ComposeInputs.FindImageAsync(engine, inputs, cancellationToken).ConfigureAwait(false) is { } existing)
        {
            await ComposeInputs.EnsureTagsAsync(engine, existing, tags, cancellationToken).ConfigureAwait(false);
            var existingSizes = await MeasureAsync(engine, spec, existing.ID, baseImage, cancellationToken).ConfigureAwait(false);
            logger.LogInformation("Image: up to date, {Tags} ({Id}) already built from these inputs", string.Join(", ", tags), ShortId(existing.ID));
            return new ComposedEngineImage(existing.ID, tags.Select(t => t.ToString()).ToList(), existingSizes, dockerfile, UpToDate: true);
        }

        string id;
        try
        {
            var labels = inputs is null ? null : new Dictionary<string, string> { [ComposeInputs.Label] = inputs };
            id = await new DockerImageBuilder(engine).BuildAsync(context, tags, cancellationToken, labels).ConfigureAwait(false);
        }
        catch (ImageBuildFailedException e) when (!baseWasLocal)
        {
            // The pull failed if the base is still missing; otherwise the failure lies elsewhere.
            if (await new DockerImages(engine).ExistsAsync(spec.BaseImage, cancellationToken).ConfigureAwait(false)) throw;
            throw new BaseImageUnavailableException(spec.BaseImage, engine.Endpoint.ToString(), e.Error);
        }

        var sizes = await MeasureAsync(engine, spec, id, baseImage, cancellationToken).ConfigureAwait(false);
        var tagNames = tags.Select(t => t.ToString()).ToList();
        logger.LogInformation("Image: {Tags} ({Id}) from {Base}: {Sizes}", string.Join(", ", tagNames), ShortId(id), spec.BaseImage, sizes);
        return new ComposedEngineImage(id, tagNames, sizes, dockerfile);
    }

    /// <summary>The base's /etc/passwd, read from a container created (never started) from it; null when it has none.</summary>
    private static async Task<string?> BasePasswdAsync(DockerEngine engine, string baseImage, CancellationToken cancellationToken)
    {
        var temporary = Path.Combine(Path.GetTempPath(), $"minicontainer-passwd-{Guid.NewGuid():N}");
        try
        {
            var spec = new ContainerSpec { Image = baseImage, Command = ["true"], Step = "image", NetworkMode = "none" };
            await using (var container = await new ContainerRunner(engine).CreateAsync(spec, cancellationToken).ConfigureAwait(false))
                await new ContainerFiles(engine).CopyFileOutAsync(container, "/etc/passwd", temporary, ArtifactFile.DataMode, cancellationToken).ConfigureAwait(false);
            return await File.ReadAllTextAsync(temporary, cancellationToken).ConfigureAwait(false);
        }
        catch (MiniContainerException) when (!File.Exists(temporary))
        {
            return null;
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    private static DateTimeOffset? CreatedFromLabel(RuntimeImageSpec spec) =>
        spec.Labels.TryGetValue(OciLabels.Created, out var text)
        && DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var created)
            ? created
            : null;

    /// <param name="baseImage">The base as inspected before; null when the build pulled it, so it is inspected now.</param>
    private static async Task<ImageSizes> MeasureAsync(DockerEngine engine, RuntimeImageSpec spec, string id, BaseInEngine? baseImage, CancellationToken cancellationToken)
    {
        var total = (await engine.Api.InspectImageAsync(id, cancellationToken).ConfigureAwait(false))?.Size
                    ?? throw new MiniContainerException($"The image {id} is no longer in the Docker Engine at {engine.Endpoint}: something removed it while it was being composed; run the step again.");
        var baseSize = baseImage?.Size ?? 0;
        if (baseImage is null && !spec.IsScratch)
        {
            baseSize = (await engine.Api.InspectImageAsync(spec.BaseImage, cancellationToken).ConfigureAwait(false))?.Size ?? 0;
        }
        var binaries = spec.Binaries.ToDictionary(b => b.Name, b => new FileInfo(b.HostPath).Length, StringComparer.Ordinal);
        var caBundle = spec.CaBundleFile is null ? 0 : new FileInfo(spec.CaBundleFile).Length;
        return new ImageSizes(baseSize, binaries, caBundle, total);
    }

    /// <summary>The base image as the engine holds it (scratch: "scratch", 0 bytes).</summary>
    private sealed record BaseInEngine(string Id, long Size);

    private static async Task<BaseInEngine?> BaseInEngineOrNullAsync(DockerEngine engine, string image, CancellationToken cancellationToken) =>
        await engine.Api.InspectImageAsync(image, cancellationToken).ConfigureAwait(false) is { } inspected ? new BaseInEngine(inspected.Id, inspected.Size) : null;

    private static string ShortId(string id) => id.StartsWith("sha256:", StringComparison.Ordinal) ? id[7..19] : id;
}
