using System.Diagnostics;
using Microsoft.Extensions.Logging;
using MiniContainer.Compile;
using MiniContainer.Elf;
using MiniContainer.Go;
using MiniContainer.Go.Builders;
using MiniContainer.Images;
using MiniContainer.Oci;
using MiniContainer.Oci.Outputs;
using MiniContainer.Sbom;
using MiniContainer.Verify;

namespace MiniContainer.Compose.MultiPlatform;

/// <summary>
/// Compile, Verify, Image (daemonless) and SBOM once per platform, then one OCI image index over
/// the platform images, tagged in the layout. An engine cannot hold such an image under one tag,
/// so this path never uses one for the image (the builder may still be the engine's container).
/// </summary>
public static class MultiPlatformImageStep
{
    /// <exception cref="InvalidPlatformListException">A platform cannot be built.</exception>
    /// <exception cref="CrossCompilerRequiredException">CGO on for a foreign architecture without a C compiler for it.</exception>
    /// <exception cref="GoCommandFailedException">go build failed for a platform.</exception>
    /// <exception cref="BinaryVerificationFailedException">A binary is not static, or not for its platform's machine.</exception>
    public static async Task<MultiPlatformImage> RunAsync(SelectedGoBuilder builder, MultiPlatformImageRequest request, ILogger logger, CancellationToken cancellationToken = default)
    {
        var stopwatch = Stopwatch.StartNew();
        if (request.Platforms.Count == 0) throw new InvalidPlatformListException("No platform is named: give at least one, e.g. linux/amd64,linux/arm64.");
        var platforms = request.Platforms.Select(TargetPlatforms.Normalize).ToList();
        var hostArch = GoBuildOptions.HostGoArch();
        // Every platform's options first: a missing cross compiler fails before anything is built.
        var options = platforms.Select(p => PlatformBuildOptions.For(request.Options, p, request.CrossCompilers, hostArch)).ToList();

        var sourceDirectory = request.SourceDirectory ?? request.Module.Directory;
        var created = request.Created ?? await ImageTimestamp.ResolveAsync(sourceDirectory, cancellationToken, logger: logger).ConfigureAwait(false);
        var checkout = await SourceRevision.ReadAsync(sourceDirectory, cancellationToken, logger).ConfigureAwait(false);
        var goBuilder = request.Builder ?? new GoBuilder { Image = GoBuilder.DefaultImageFor(request.Module.GoVersion) };
        logger.LogInformation("Multi-platform image {Image}:{Tag} for {Platforms} (CGO {Cgo})", request.ImageName, request.Tag, string.Join(", ", platforms), request.Options.Cgo ? "on" : "off");

        var images = new List<PlatformImage>();
        for (var i = 0; i < platforms.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            images.Add(await BuildPlatformAsync(builder, request, platforms[i], options[i], goBuilder, created, checkout, sourceDirectory, logger, cancellationToken).ConfigureAwait(false));
        }

        var index = await ImageIndexLayoutWriter.WriteAsync(request.LayoutDirectory, images.Select(i => i.Manifest).ToList(), request.Tag, cancellationToken, request.Spec.Annotations).ConfigureAwait(false);
        stopwatch.Stop();
        logger.LogInformation("Image index {Image}:{Tag} {Digest} over {Platforms} -> {Layout} ({Seconds:F1} s)",
            request.ImageName, request.Tag, index.Digest, string.Join(", ", images.Select(i => $"{i.Platform} {i.Manifest.Digest}")), request.LayoutDirectory, stopwatch.Elapsed.TotalSeconds);
        return new MultiPlatformImage
        {
            IndexDigest = index.Digest,
            ImageName = request.ImageName,
            Tag = request.Tag,
            LayoutDirectory = request.LayoutDirectory,
            Images = images,
            Created = created,
            Duration = stopwatch.Elapsed,
        };
    }

    /// <summary>The layout name of one platform's image: &lt;tag&gt;-&lt;os&gt;-&lt;arch&gt;[-variant].</summary>
    public static string PlatformTag(string tag, OciPlatform platform) => $"{tag}-{Suffix(platform)}";

    private static async Task<PlatformImage> BuildPlatformAsync(SelectedGoBuilder builder, MultiPlatformImageRequest request, OciPlatform platform, GoBuildOptions options,
        GoBuilder goBuilder, DateTimeOffset created, SourceRevision? checkout, string sourceDirectory, ILogger logger, CancellationToken cancellationToken)
    {
        var suffix = Suffix(platform);
        var compiled = await GoCompileStep.RunAsync(builder, new GoCompileRequest(request.Module, options, goBuilder, Path.Combine(request.OutputDirectory, "bin", suffix)), logger, cancellationToken)
            .ConfigureAwait(false);

        var policy = VerificationPolicy.ForGoBuild(options.GoArch, GoCommandLine.LdFlags(options));
        GoBuildInfo? buildInfo = null;
        foreach (var binary in compiled.Binaries)
        {
            var verified = await BinaryVerification.RunAsync(binary.Path, policy, logger, cancellationToken).ConfigureAwait(false);
            buildInfo ??= verified.Report.Go.BuildInfo;
        }
        var buildFlags = GoBuildFlags.For(request.Module, options);
        var provenance = BuildProvenance.From(buildInfo, request.Source, checkout, buildFlags);

        var spec = request.Spec with { Binaries = compiled.Binaries.Select(b => new ImageBinary(b.Path)).ToList() };
        if (request.ProvenanceLabels) spec = spec.WithLabels(Sbom.ProvenanceLabels.For(provenance));
        var outputs = new OciOutputs(request.LayoutDirectory, request.DockerArchives ? Path.Combine(request.OutputDirectory, $"{request.ImageShortName}-{suffix}.docker.tar") : null);
        var image = await DaemonlessComposeStep.RunAsync(new DaemonlessComposeRequest(spec, [$"{request.ImageName}:{PlatformTag(request.Tag, platform)}"], outputs)
        {
            Platform = platform,
            Created = created,
            SourceDirectory = sourceDirectory,
            BlobCache = request.BlobCache,
            Login = request.Login,
            Transport = request.Transport,
        }, logger, cancellationToken).ConfigureAwait(false);
        var manifestPath = Path.Combine(request.LayoutDirectory, "blobs", "sha256", image.ManifestDigest.Hex);
        var manifest = new OciDescriptor(OciMediaTypes.ImageManifest, image.ManifestDigest, new FileInfo(manifestPath).Length) { Platform = platform };

        SbomFile? sbom = null;
        if (request.Sbom)
            sbom = await SbomStep.RunAsync(new SbomRequest(request.ImageName, platform,
                compiled.Binaries.Select(b => new SbomBinaryFile(b.Path, new ImageBinary(b.Path).ImagePath)).ToList(), request.OutputDirectory)
            {
                Tag = request.Tag,
                ManifestDigest = image.ManifestDigest,
                Base = await SbomBase.FromLayoutAsync(request.LayoutDirectory, image.ManifestDigest, cancellationToken).ConfigureAwait(false),
                Source = request.Source,
                BuildFlags = buildFlags,
                SourceDirectory = sourceDirectory,
                Created = created,
            }, logger, cancellationToken).ConfigureAwait(false);
        return new PlatformImage(platform, manifest, image, compiled.Binaries, provenance, sbom);
    }

    private static string Suffix(OciPlatform platform) => platform.ToString().Replace('/', '-');
}
