using Microsoft.Extensions.Logging;
using MiniContainer.Certificates;

namespace MiniContainer.Pipeline;

public sealed partial class MiniContainerPipeline
{
    /// <summary>CaCertificates: stages the CA bundle the image trusts (--ca-bundle, plus --ca-file) in image/ca-certificates.crt.</summary>
    public Task CaCertificatesAsync(CancellationToken cancellationToken) => TimedAsync("CaCertificates", async () =>
    {
        var (source, file) = (Settings.CaBundleSource, Settings.CaBundleFile);
        var usesEngine = await UsesEngineAsync(cancellationToken).ConfigureAwait(false);
        if (source == CaBundleSource.BuilderImage && !usesEngine)
        {
            if (!Settings.CaBundleIsDefault)
                throw new PipelineArgumentException(PipelineArguments.CaBundle,
                    "--ca-bundle=builder copies the bundle out of the builder image, which needs a Docker Engine, and this build uses none: use --ca-bundle=host (this machine's), a PEM file, or none.");
            (source, file) = (CaBundleSource.File, HostCaBundle.Find());
            _logger.LogInformation("CaCertificates: no engine, so the image trusts this machine's CA bundle ({File}); --ca-bundle names another.", file);
        }
        var request = new CaBundleRequest
        {
            Source = source,
            BuilderImage = source == CaBundleSource.BuilderImage ? Settings.EffectiveBuilderImage : null,
            File = file,
            ExtraCertificateFiles = Settings.CaFiles,
            OutputFile = Layout.CaBundleFile,
        };
        // Only the builder image's bundle needs an engine; a file or none works without one.
        if (source != CaBundleSource.BuilderImage)
        {
            await CaCertificatesStep.RunAsync(null, request, _logger, cancellationToken).ConfigureAwait(false);
            return;
        }
        using var engine = await ConnectAsync(cancellationToken).ConfigureAwait(false);
        await EngineLoss.ReportAsync(engine, cancellationToken, () => CaCertificatesStep.RunAsync(engine, request, _logger, cancellationToken)).ConfigureAwait(false);
    });
}
