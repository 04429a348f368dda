using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using MiniContainer.Elf;
using MiniContainer.Oci;
using MiniContainer.Verify;

namespace MiniContainer.Sbom;

/// <summary>
/// The SBOM step: reads the Go build info of each binary, the checkout's revision, and writes the
/// image's SPDX 2.3 JSON document to <c>&lt;artifacts&gt;/sbom/</c>.
/// </summary>
public static class SbomStep
{
    /// <exception cref="BinaryInspectionException">A binary cannot be read as ELF.</exception>
    public static async Task<SbomFile> RunAsync(SbomRequest request, ILogger logger, CancellationToken cancellationToken = default)
    {
        if (request.Binaries.Count == 0) throw new MiniContainerException("The SBOM needs at least one binary: compile before writing it.");
        var verifier = new StaticBinaryVerifier();
        var binaries = new List<SbomBinary>();
        foreach (var binary in request.Binaries)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var report = verifier.Inspect(binary.HostPath);
            if (report.Go.BuildInfo is null)
                logger.LogWarning("SBOM: {Binary} has no Go build info ({Problem}); it is listed without modules", binary.HostPath, report.Go.Problem ?? "not a Go binary");
            binaries.Add(new SbomBinary(binary.ImagePath, await Sha256Async(binary.HostPath, cancellationToken).ConfigureAwait(false), report.Go.BuildInfo));
        }

        // Both ask git (revision and status; the commit time): side by side, one git run shorter.
        var (provenance, created) = await BothTasks.AwaitAsync(
            ProvenanceAsync(binaries[0].BuildInfo, request.Source, request.SourceDirectory, request.BuildFlags, cancellationToken, logger),
            request.Created is { } given ? Task.FromResult(given) : ImageTimestamp.ResolveAsync(request.SourceDirectory, cancellationToken, logger: logger)).ConfigureAwait(false);
        var json = SpdxDocumentWriter.Write(new SbomImage
        {
            Repository = request.Repository,
            Tag = request.Tag,
            ManifestDigest = request.ManifestDigest,
            Platform = request.Platform,
            Binaries = binaries,
            Base = request.Base,
            Provenance = provenance,
            Created = created,
        });

        var path = request.OutputPath;
        await ArtifactFile.WriteAsync(path, ArtifactFile.DataMode, (file, ct) => file.WriteAsync(json, ct).AsTask(), cancellationToken).ConfigureAwait(false);
        var modules = binaries.Sum(b => b.BuildInfo?.Dependencies.Count ?? 0);
        logger.LogInformation("SBOM: {Path} (SPDX 2.3, {Binaries} binaries, {Modules} dependency modules, {Platform})", path, binaries.Count, modules, request.Platform);
        return new SbomFile(path, OciDigest.Of(json), json.Length, provenance);
    }

    /// <summary>The provenance of a binary: the facts Go stamped into it, with the checkout's revision where it stamped none.</summary>
    /// <remarks>Label an image with it through <see cref="ProvenanceLabels.For"/> before composing; <paramref name="buildFlags"/> from <see cref="GoBuildFlags.For"/>.</remarks>
    public static async Task<BuildProvenance> ProvenanceAsync(string binaryPath, string? source, string? sourceDirectory, IReadOnlyList<string> buildFlags, CancellationToken cancellationToken = default, ILogger? logger = null) =>
        await ProvenanceAsync(new StaticBinaryVerifier().Inspect(binaryPath).Go.BuildInfo, source, sourceDirectory, buildFlags, cancellationToken, logger).ConfigureAwait(false);

    private static async Task<BuildProvenance> ProvenanceAsync(GoBuildInfo? info, string? source, string? sourceDirectory, IReadOnlyList<string> buildFlags, CancellationToken cancellationToken, ILogger? logger = null)
    {
        var checkout = sourceDirectory is null ? null : await SourceRevision.ReadAsync(sourceDirectory, cancellationToken, logger).ConfigureAwait(false);
        return BuildProvenance.From(info, source, checkout, buildFlags);
    }

    private static async Task<string> Sha256Async(string path, CancellationToken cancellationToken)
    {
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(file, cancellationToken).ConfigureAwait(false));
    }
}
