using Microsoft.Extensions.Logging;
using MiniContainer.Certificates;

namespace MiniContainer.Pipeline;

public sealed partial class MiniContainerPipeline
{
    /// <summary>
    /// CaCertificates: stages the CA bundle the image trusts (--ca-bundle, plus --ca-file) in image/ca-certificates.crt, and with an
    /// engine and --tzdata the builder image's zoneinfo database in image/zoneinfo (without one ComposeImage takes this machine's).
    /// </summary>
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
            RecordFile = Layout.CaBundleSourceFile,
        };
        var wantsZoneInfo = Settings.ImageConfig.TimeZoneData || Settings.BinaryImageConfigs.Values.Any(c => c.TimeZoneData);
        // An earlier run's copy must not stand in for this machine's when this build has no engine.
        if (!usesEngine || !wantsZoneInfo) DeleteStagedZoneInfo();
        // Only the builder image's bundle and zoneinfo need an engine; a file or none works without one.
        if (!usesEngine || (source != CaBundleSource.BuilderImage && !wantsZoneInfo))
        {
            await CaCertificatesStep.RunAsync(null, request, _logger, cancellationToken).ConfigureAwait(false);
            return;
        }
        using var engine = await ConnectAsync(cancellationToken).ConfigureAwait(false);
        await EngineLoss.ReportAsync(engine, cancellationToken, async () =>
        {
            // One inspection for both: the bundle's record and the zoneinfo's hold the image ID.
            var builderImageId = (await engine.Api.InspectImageAsync(Settings.EffectiveBuilderImage, cancellationToken).ConfigureAwait(false))?.Id;
            await CaCertificatesStep.RunAsync(source == CaBundleSource.BuilderImage ? engine : null, request with { BuilderImageId = builderImageId }, _logger, cancellationToken).ConfigureAwait(false);
            if (wantsZoneInfo) await StageBuilderZoneInfoAsync(engine, builderImageId, cancellationToken).ConfigureAwait(false);
            return true;
        }).ConfigureAwait(false);
    });

    /// <summary>
    /// The builder image's /usr/share/zoneinfo, copied out of a container created (never started) from it; not again while the
    /// staged copy is from the same image ID (a copy of some 600 files takes a second and more).
    /// </summary>
    private async Task StageBuilderZoneInfoAsync(Docker.DockerEngine engine, string? imageId, CancellationToken cancellationToken)
    {
        var image = Settings.EffectiveBuilderImage;
        if (imageId is not null && Directory.Exists(Layout.ZoneInfoDirectory) && File.Exists(Layout.ZoneInfoSourceFile)
            && (await File.ReadAllTextAsync(Layout.ZoneInfoSourceFile, cancellationToken).ConfigureAwait(false)).Trim() == imageId)
        {
            _logger.LogInformation("CaCertificates: zoneinfo up to date, staged from {Image} ({Id})", image, imageId[..Math.Min(19, imageId.Length)]);
            return;
        }
        if (File.Exists(Layout.ZoneInfoSourceFile)) File.Delete(Layout.ZoneInfoSourceFile);
        Oci.Layers.LayerDigestRecord.Delete(Oci.Layers.LayerRecordKey.TreeRecordPath(Layout.ZoneInfoDirectory));
        // From the ID recorded, not a tag that may have moved since.
        var spec = new Docker.ContainerSpec { Image = imageId ?? image, Command = ["true"], Step = CaCertificatesStep.StepName, NetworkMode = "none" };
        bool copied;
        try
        {
            await using var container = await new Docker.ContainerRunner(engine).CreateAsync(spec, cancellationToken).ConfigureAwait(false);
            copied = await new Docker.ContainerFiles(engine).CopyTreeOutAsync(container, Images.RuntimeImageSpec.ZoneInfoImagePath, Layout.ZoneInfoDirectory, cancellationToken).ConfigureAwait(false);
        }
        catch (Docker.DockerImageMissingException) when (Settings.CaBundleSource != CaBundleSource.BuilderImage)
        {
            // Nothing else of this step needs the builder, which GoRestore makes: this machine's zoneinfo does as well.
            copied = false;
        }
        if (copied)
        {
            if (imageId is not null)
            {
                var record = System.Text.Encoding.UTF8.GetBytes(imageId + "\n");
                ArtifactFile.Write(Layout.ZoneInfoSourceFile, ArtifactFile.DataMode, file => file.Write(record));
            }
            _logger.LogInformation("CaCertificates: the zoneinfo database of {Image} staged in {Folder} for --tzdata", image, Layout.ZoneInfoDirectory);
            return;
        }
        DeleteStagedZoneInfo();
        _logger.LogInformation("CaCertificates: {Image} has no {Path} (or is not in the engine yet), so --tzdata takes this machine's", image, Images.RuntimeImageSpec.ZoneInfoImagePath);
    }

    private void DeleteStagedZoneInfo()
    {
        if (File.Exists(Layout.ZoneInfoSourceFile)) File.Delete(Layout.ZoneInfoSourceFile);
        Oci.Layers.LayerDigestRecord.Delete(Oci.Layers.LayerRecordKey.TreeRecordPath(Layout.ZoneInfoDirectory));
        if (Directory.Exists(Layout.ZoneInfoDirectory)) Directory.Delete(Layout.ZoneInfoDirectory, recursive: true);
    }
}
