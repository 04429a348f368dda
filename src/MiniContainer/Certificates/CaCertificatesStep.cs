using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MiniContainer.Docker;

namespace MiniContainer.Certificates;

/// <summary>
/// The Certificates step: stages the CA bundle the image will trust (from the builder image, a file,
/// or none, plus extra CAs), every certificate validated, as one PEM file for the Image step.
/// </summary>
public static class CaCertificatesStep
{
    public const string StepName = "certificates";

    /// <exception cref="InvalidCertificateFileException">A file holds no valid certificate.</exception>
    /// <exception cref="DockerImageMissingException">The builder image is not in the engine.</exception>
    /// <remarks><paramref name="engine"/> is only needed for <see cref="CaBundleSource.BuilderImage"/>; null without an engine.</remarks>
    public static async Task<StagedCaBundle> RunAsync(DockerEngine? engine, CaBundleRequest request, ILogger? logger = null, CancellationToken cancellationToken = default)
    {
        logger ??= NullLogger.Instance;
        var bundle = request.Source switch
        {
            CaBundleSource.None => PemCertificateBundle.Empty,
            CaBundleSource.File => await PemCertificateBundle.ReadAsync(
                request.File ?? throw new MiniContainerException("The CA bundle source is a file, but no file was given."), cancellationToken).ConfigureAwait(false),
            CaBundleSource.BuilderImage => await CopyOutOfImageAsync(engine, request, cancellationToken).ConfigureAwait(false),
            _ => throw new ArgumentOutOfRangeException(nameof(request), request.Source, "Unknown CA bundle source."),
        };
        var fromSource = bundle.Count;

        foreach (var extra in request.ExtraCertificateFiles)
        {
            var added = await PemCertificateBundle.ReadAsync(extra, cancellationToken).ConfigureAwait(false);
            bundle = bundle.Append(added);
            logger.LogInformation("Certificates: appended {Count} CA(s) from {File}: {Subjects}", added.Count, extra, string.Join("; ", added.Subjects));
        }

        if (bundle.Count == 0)
        {
            // A stale bundle from an earlier run must not slip into the image.
            if (System.IO.File.Exists(request.OutputFile)) System.IO.File.Delete(request.OutputFile);
            logger.LogInformation("Certificates: none; the image will trust no certificate authority");
            return StagedCaBundle.None;
        }

        var bytes = bundle.ToBytes();
        await ArtifactFile.WriteAsync(request.OutputFile, ArtifactFile.DataMode, (file, ct) => file.WriteAsync(bytes, ct).AsTask(), cancellationToken).ConfigureAwait(false);
        logger.LogInformation("Certificates: {Count} CA(s) ({FromSource} from {Source}) staged in {File} ({Size} bytes)",
            bundle.Count, fromSource, request.Source, request.OutputFile, bytes.Length);
        return new StagedCaBundle(request.OutputFile, bundle.Count, bytes.Length);
    }

    private static async Task<PemCertificateBundle> CopyOutOfImageAsync(DockerEngine? engine, CaBundleRequest request, CancellationToken cancellationToken)
    {
        if (engine is null)
            throw new MiniContainerException("The CA bundle source is the builder image, which needs a Docker Engine, and none is in use: take this machine's bundle or a PEM file instead.");
        var image = request.BuilderImage ?? throw new MiniContainerException("The CA bundle source is the builder image, but no builder image was named.");
        var temporary = Path.Combine(Path.GetTempPath(), $"minicontainer-ca-{Guid.NewGuid():N}.crt");
        try
        {
            // Created, never started: the archive API reads a stopped container's file system.
            var spec = new ContainerSpec { Image = image, Command = ["true"], Step = StepName, NetworkMode = "none" };
            await using (var container = await new ContainerRunner(engine).CreateAsync(spec, cancellationToken).ConfigureAwait(false))
                await new ContainerFiles(engine).CopyFileOutAsync(container, request.BuilderImageBundlePath, temporary, ArtifactFile.DataMode, cancellationToken).ConfigureAwait(false);
            var text = await System.IO.File.ReadAllTextAsync(temporary, cancellationToken).ConfigureAwait(false);
            return PemCertificateBundle.Parse(text, $"{request.BuilderImageBundlePath} in the image {image}");
        }
        finally
        {
            System.IO.File.Delete(temporary);
        }
    }
}
