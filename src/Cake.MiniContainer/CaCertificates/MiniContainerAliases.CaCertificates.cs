using Cake.Core;
using Cake.Core.Annotations;
using Cake.Core.IO;
using Cake.MiniContainer.CaCertificates;
using Cake.MiniContainer.Hosting;
using MiniContainer.Certificates;

namespace Cake.MiniContainer;

public static partial class MiniContainerAliases
{
    /// <summary>Certificates: stages the CA bundle the image will trust (builder image, a file or none, plus extra CAs).</summary>
    [CakeMethodAlias]
    public static StagedCertificates CaCertificates(this ICakeContext context, CaCertificatesSettings settings)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Source == CaBundleSource.BuilderImage && string.IsNullOrWhiteSpace(settings.BuilderImage))
            throw new ArgumentException("CaCertificates: BuilderImage is required when the source is the builder image.", nameof(settings));
        if (settings.Source == CaBundleSource.File && settings.File is null)
            throw new ArgumentException("CaCertificates: File is required when the source is a file.", nameof(settings));
        var request = new CaBundleRequest
        {
            Source = settings.Source,
            BuilderImage = settings.BuilderImage,
            File = settings.File?.MakeAbsolute(context.Environment).FullPath,
            ExtraCertificateFiles = settings.ExtraCertificateFiles.Select(f => f.MakeAbsolute(context.Environment).FullPath).ToList(),
            OutputFile = settings.OutputFile.MakeAbsolute(context.Environment).FullPath,
        };
        static StagedCertificates ToResult(StagedCaBundle staged) => new(staged.File is null ? null : new FilePath(staged.File), staged.CertificateCount, staged.SizeInBytes);
        // Only the builder image's bundle needs an engine; a file or none works without one.
        return settings.Source == CaBundleSource.BuilderImage
            ? StepExecution.Run(context, "CaCertificates", settings, async (engine, logger, ct) => ToResult(await CaCertificatesStep.RunAsync(engine, request, logger, ct).ConfigureAwait(false)))
            : StepExecution.Run(context, "CaCertificates", async (logger, ct) => ToResult(await CaCertificatesStep.RunAsync(null, request, logger, ct).ConfigureAwait(false)));
    }
}
