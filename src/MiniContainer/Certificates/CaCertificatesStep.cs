using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MiniContainer.Docker;
using MiniContainer.Oci;

namespace MiniContainer.Certificates;

/// <summary>
/// The Certificates step: stages the CA bundle the image will trust (from the builder image, a file,
/// or none, plus extra CAs), every certificate validated, as one PEM file for the Image step. With a record file, a run whose
/// inputs are those recorded (the builder image ID, the files' digests) and whose staged file is as written does nothing.
/// </summary>
public static class CaCertificatesStep
{
    public const string StepName = "certificates";

    /// <exception cref="InvalidCertificateFileException">A file is missing or holds no valid certificate.</exception>
    /// <exception cref="DockerImageMissingException">The builder image is not in the engine.</exception>
    /// <remarks><paramref name="engine"/> is only needed for <see cref="CaBundleSource.BuilderImage"/>; null without an engine.</remarks>
    public static async Task<StagedCaBundle> RunAsync(DockerEngine? engine, CaBundleRequest request, ILogger? logger = null, CancellationToken cancellationToken = default)
    {
        logger ??= NullLogger.Instance;
        // Each file read once: the digest recorded is of the very bytes parsed.
        var sourceFile = request.Source == CaBundleSource.File
            ? await InputFile.ReadAsync(request.File ?? throw new MiniContainerException("The CA bundle source is a file, but no file was given."), cancellationToken).ConfigureAwait(false)
            : null;
        var extraFiles = new List<InputFile>();
        foreach (var extra in request.ExtraCertificateFiles) extraFiles.Add(await InputFile.ReadAsync(extra, cancellationToken).ConfigureAwait(false));
        var imageId = request.Source == CaBundleSource.BuilderImage && request.RecordFile is not null
            ? request.BuilderImageId ?? await InspectedImageIdAsync(engine, request, cancellationToken).ConfigureAwait(false)
            : null;
        var inputs = Inputs(request, sourceFile, imageId, extraFiles.Select(f => f.Digest).ToList());

        if (request.RecordFile is { } recordFile)
        {
            if (inputs is not null && CaBundleRecord.Read(recordFile) is { } record && record.Vouches(inputs, StagedDigest(request.OutputFile)))
            {
                logger.LogInformation("Certificates: up to date, {Count} CA(s) ({FromSource} from {Origin}{Extras}) in {File} ({Size} bytes)",
                    record.CertificateCount, record.FromSource, Origin(request, imageId), Extras(extraFiles.Count), request.OutputFile, record.Size);
                return new StagedCaBundle(request.OutputFile, record.CertificateCount, record.Size);
            }
            CaBundleRecord.Delete(recordFile);
        }

        var bundle = request.Source switch
        {
            CaBundleSource.None => PemCertificateBundle.Empty,
            CaBundleSource.File => PemCertificateBundle.Parse(sourceFile!.Content, sourceFile.Path),
            CaBundleSource.BuilderImage => await CopyOutOfImageAsync(engine, request, imageId, cancellationToken).ConfigureAwait(false),
            _ => throw new ArgumentOutOfRangeException(nameof(request), request.Source, "Unknown CA bundle source."),
        };
        var fromSource = bundle.Count;

        foreach (var extra in extraFiles)
        {
            var added = PemCertificateBundle.Parse(extra.Content, extra.Path);
            bundle = bundle.Append(added);
            logger.LogInformation("Certificates: appended {Count} CA(s) from {File}: {Subjects}", added.Count, extra.Path, string.Join("; ", added.Subjects));
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
        if (request.RecordFile is not null && inputs is not null)
            new CaBundleRecord(inputs, OciDigest.Of(bytes), bundle.Count, fromSource, bytes.Length).Write(request.RecordFile);
        logger.LogInformation("Certificates: {Count} CA(s) ({FromSource} from {Source}) staged in {File} ({Size} bytes)",
            bundle.Count, fromSource, request.Source, request.OutputFile, bytes.Length);
        return new StagedCaBundle(request.OutputFile, bundle.Count, bytes.Length);
    }

    /// <summary>What this run would make the bundle from; null when the builder image's ID is unknown (no record can vouch then).</summary>
    private static CaBundleInputs? Inputs(CaBundleRequest request, InputFile? sourceFile, string? imageId, IReadOnlyList<OciDigest> extras) => request.Source switch
    {
        CaBundleSource.BuilderImage => imageId is null ? null : CaBundleInputs.OfBuilderImage(imageId, request.BuilderImageBundlePath, extras),
        CaBundleSource.File => CaBundleInputs.OfFile(sourceFile!.Digest, extras),
        _ => CaBundleInputs.OfNone(extras),
    };

    private static async Task<string?> InspectedImageIdAsync(DockerEngine? engine, CaBundleRequest request, CancellationToken cancellationToken) =>
        engine is null || request.BuilderImage is null
            ? null
            : (await engine.Api.InspectImageAsync(request.BuilderImage, cancellationToken).ConfigureAwait(false))?.Id;

    private static OciDigest? StagedDigest(string file) => System.IO.File.Exists(file) ? OciDigest.Of(System.IO.File.ReadAllBytes(file)) : null;

    private static string Origin(CaBundleRequest request, string? imageId) => request.Source switch
    {
        CaBundleSource.BuilderImage => $"the builder image {request.BuilderImage} ({imageId?[..Math.Min(19, imageId.Length)]})",
        CaBundleSource.File => request.File!,
        _ => "no bundle",
    };

    private static string Extras(int count) => count == 0 ? "" : $", with {count} --ca-file(s)";

    private sealed record InputFile(string Path, byte[] Content, OciDigest Digest)
    {
        /// <exception cref="InvalidCertificateFileException">The file is missing.</exception>
        public static async Task<InputFile> ReadAsync(string path, CancellationToken cancellationToken)
        {
            if (!System.IO.File.Exists(path)) throw new InvalidCertificateFileException(path, "does not exist.");
            var content = await System.IO.File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
            return new InputFile(path, content, OciDigest.Of(content));
        }
    }

    private static async Task<PemCertificateBundle> CopyOutOfImageAsync(DockerEngine? engine, CaBundleRequest request, string? imageId, CancellationToken cancellationToken)
    {
        if (engine is null)
            throw new MiniContainerException("The CA bundle source is the builder image, which needs a Docker Engine, and none is in use: take this machine's bundle or a PEM file instead.");
        var image = request.BuilderImage ?? throw new MiniContainerException("The CA bundle source is the builder image, but no builder image was named.");
        var temporary = Path.Combine(Path.GetTempPath(), $"minicontainer-ca-{Guid.NewGuid():N}.crt");
        try
        {
            // Created, never started: the archive API reads a stopped container's file system. From the ID recorded, not a tag that may move.
            var spec = new ContainerSpec { Image = imageId ?? image, Command = ["true"], Step = StepName, NetworkMode = "none" };
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
