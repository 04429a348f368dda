using System.Collections.Immutable;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MiniContainer.Docker.Credentials;
using MiniContainer.Images;
using MiniContainer.Oci;
using MiniContainer.Oci.Bases;
using MiniContainer.Oci.Json;
using MiniContainer.Oci.Layers;
using MiniContainer.Oci.Outputs;
using MiniContainer.Registry;

namespace MiniContainer.Compose;

/// <summary>
/// The Image step without an engine: writes the layers of a <see cref="RuntimeImageSpec"/> on its
/// base, the config and the OCI manifest, and stores them as an OCI layout and/or a docker-archive.
/// Same spec and time, same bytes: the manifest digest is reproducible.
/// </summary>
public static class DaemonlessComposeStep
{
    public const string BaseNameAnnotation = "org.opencontainers.image.base.name";
    public const string BaseDigestAnnotation = "org.opencontainers.image.base.digest";

    /// <exception cref="InvalidRuntimeImageSpecException">The spec cannot be built.</exception>
    /// <exception cref="DaemonlessComposeException">The spec needs an engine (apk), or no output is named.</exception>
    /// <exception cref="InvalidImageSourceException">A base layout or archive is not one.</exception>
    /// <exception cref="PlatformNotFoundException">The base has no image for the platform.</exception>
    /// <exception cref="RegistryRequestException">Pulling a registry base failed.</exception>
    /// <exception cref="DigestMismatchException">A base blob is not what its digest says.</exception>
    /// <exception cref="UnknownImageUserException">The user is a name the base's /etc/passwd lacks.</exception>
    public static Task<DaemonlessImage> RunAsync(DaemonlessComposeRequest request, ILogger? logger = null, CancellationToken cancellationToken = default) =>
        RunAsync(request, null, logger, cancellationToken);

    internal static async Task<DaemonlessImage> RunAsync(DaemonlessComposeRequest request, Func<string, RegistryCredentials?, IRegistryApi>? registryFactory, ILogger? logger, CancellationToken cancellationToken)
    {
        logger ??= NullLogger.Instance;
        var stopwatch = Stopwatch.StartNew();
        var spec = request.Spec;
        var source = request.Base ?? BaseImageSource.For(spec);
        Validate(spec, source, request);
        var tags = request.Tags.Select(t => ImageReference.Parse(t)).Select(r => r.Tag is null ? r.WithTag("latest") : r).ToList();
        var platform = request.Platform ?? OciPlatform.LinuxFor(Go.GoBuildOptions.HostGoArch());
        var created = request.Created ?? await ImageTimestamp.ResolveAsync(request.SourceDirectory, cancellationToken, logger: logger).ConfigureAwait(false);
        var store = request.BlobCache ?? BlobStore.Default();

        var (baseImage, downloads) = await BaseImageResolver.ResolveAsync(source, platform, store, request, registryFactory, logger, cancellationToken).ConfigureAwait(false);
        if (BaseImageUser.IsName(spec.User) && source is not BaseImageSource.Scratch)
            BaseImageUser.Check(spec.User!, await BaseLayerFiles.ReadTextAsync(store, baseImage.Layers, "/etc/passwd", cancellationToken).ConfigureAwait(false), baseImage.Name);

        var added = RuntimeImageLayers.Planned(spec).Select(layer => new AddedLayer(store.AddLayer(layer, created), layer.CreatedBy)).ToList();
        var configBytes = ImageConfigComposer.Compose(baseImage.Config, spec, added, created, platform);
        var config = new OciDescriptor(OciMediaTypes.ImageConfig, store.AddBytes(configBytes), configBytes.Length);
        var layers = baseImage.Layers.Concat(added.Select(a => a.Blob.Descriptor)).ToList();
        var manifestBytes = ImageManifestJson.Write(new ImageManifest(OciMediaTypes.ImageManifest, config, layers) { Annotations = BaseAnnotations(source, baseImage).SetItems(spec.Annotations) });
        var manifest = new OciDescriptor(OciMediaTypes.ImageManifest, store.AddBytes(manifestBytes), manifestBytes.Length);
        var blobs = new ComposedBlobs(manifest, config, layers);

        var outputs = request.Outputs;
        if (outputs.LayoutDirectory is { } layout)
            await OciLayoutWriter.WriteAsync(layout, store, blobs, tags.Select(t => t.Tag!).Distinct().ToList(), cancellationToken).ConfigureAwait(false);
        if (outputs.ArchivePath is { } archive)
            await DockerArchiveWriter.WriteAsync(archive, store, blobs, tags.Select(t => t.ToString()).ToList(), cancellationToken).ConfigureAwait(false);

        stopwatch.Stop();
        var image = new DaemonlessImage
        {
            ManifestDigest = manifest.Digest,
            ConfigDigest = config.Digest,
            Tags = tags.Select(t => t.ToString()).ToList(),
            LayoutDirectory = outputs.LayoutDirectory,
            ArchivePath = outputs.ArchivePath,
            BaseImage = baseImage.Name,
            CompressedSize = layers.Sum(l => l.Size),
            BaseDownloads = downloads,
            Duration = stopwatch.Elapsed,
        };
        logger.LogInformation("Image (daemonless): {Tags} {Digest} on {Base} for {Platform}, {Layers} layers, {Size:N0} bytes gzipped, created {Created}, in {Ms:F0} ms -> {Outputs}",
            string.Join(", ", image.Tags), image.ManifestDigest, baseImage.Name, platform, layers.Count, image.CompressedSize, OciJson.Time(created), stopwatch.Elapsed.TotalMilliseconds,
            string.Join(", ", new[] { outputs.LayoutDirectory, outputs.ArchivePath }.OfType<string>()));
        return image;
    }

    private static void Validate(RuntimeImageSpec spec, BaseImageSource source, DaemonlessComposeRequest request)
    {
        // The spec's checks, with a base name the validator understands in place of a path on disk.
        RuntimeImageSpecValidator.Validate(source switch
        {
            BaseImageSource.Scratch => spec.OnScratch(),
            BaseImageSource.Registry registry => spec.WithBaseImage(registry.Reference.ToString()),
            _ => spec.WithBaseImage("localhost/base-from-disk"),
        });
        if (spec.InstallCaCertificatesWithApk)
            throw new DaemonlessComposeException("apk add ca-certificates runs a command in the image, which needs a Docker Engine: " +
                                                 "stage a CA bundle instead (CaCertificatesStep, RuntimeImageSpec.WithCaBundle), or compose with the engine.");
        if (request.Outputs.LayoutDirectory is null && request.Outputs.ArchivePath is null)
            throw new DaemonlessComposeException("No output is named: give an OCI layout folder, a docker-archive path, or both (OciOutputs).");
    }

    // Only a registry base is named: a path on disk would make the digest depend on where the checkout is.
    private static ImmutableSortedDictionary<string, string> BaseAnnotations(BaseImageSource source, ResolvedBaseImage baseImage)
    {
        var annotations = ImmutableSortedDictionary<string, string>.Empty.WithComparers(StringComparer.Ordinal);
        if (source is BaseImageSource.Registry registry) annotations = annotations.Add(BaseNameAnnotation, registry.Reference.ToString());
        if (baseImage.ManifestDigest is { } digest) annotations = annotations.Add(BaseDigestAnnotation, digest.ToString());
        return annotations;
    }
}
