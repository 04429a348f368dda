using MiniContainer.Docker;
using MiniContainer.Compose;
using MiniContainer.Compose.MultiPlatform;
using MiniContainer.Publish;
using MiniContainer.Oci;
using MiniContainer.Images;
using MiniContainer.Sbom;

namespace MiniContainer.Pipeline;

public sealed partial class MiniContainerPipeline
{
    /// <summary>
    /// ComposeImage: one runtime image per binary in bin/ (base or scratch, /app, non-root user, CA bundle, OCI and
    /// provenance labels), in the engine or, without one, as an OCI layout and a docker-archive; an SPDX SBOM per image;
    /// the image list for the steps after it. Several platforms: compile, verify and compose each, then an OCI index.
    /// </summary>
    public Task ComposeImageAsync(CancellationToken cancellationToken) => TimedAsync("ComposeImage", async () =>
    {
        var image = Settings.Image ?? throw new MiniContainerException($"No image name: {Settings.Source} has no go.mod to take it from; give --image-name=<name>.");
        if (Settings.IsMultiPlatform)
        {
            await ComposeImageIndexAsync(image, cancellationToken).ConfigureAwait(false);
            return;
        }
        var binaries = Layout.CompiledBinaries();
        var buildFlags = GoBuildFlags.For(Settings.RequireModule(), GoBuildOptions);
        var engine = await UsesEngineAsync(cancellationToken).ConfigureAwait(false) ? await ConnectAsync(cancellationToken).ConfigureAwait(false) : null;
        try
        {
            var made = new List<ImageListEntry>();
            foreach (var binary in binaries)
            {
                var name = Path.GetFileName(binary);
                var repository = ImageNaming.RepositoryFor(image, name, binaries.Count);
                var reference = $"{repository}:{Settings.Tag}";
                var spec = await LabelledImageSpec.ResolveAsync(ImageSpec().WithBinary(binary), Labels(name), buildFlags, _logger, cancellationToken).ConfigureAwait(false);
                var sbom = new SbomRequest(repository, Settings.Platform, [new SbomBinaryFile(binary, new ImageBinary(binary).ImagePath)], Settings.Output)
                {
                    Tag = Settings.Tag, Source = Settings.SourceUrl, BuildFlags = buildFlags, SourceDirectory = Settings.Source,
                };
                if (engine is not null)
                {
                    var composed = await EngineLoss.ReportAsync(engine, cancellationToken, () =>
                        ComposeImageStep.RunAsync(engine, new ComposeImageRequest(spec, [reference]) { Assembly = Settings.ImageAssembly }, _logger, cancellationToken)).ConfigureAwait(false);
                    Summary.AddImage(composed.Reference, composed.Sizes.Total);
                    made.Add(new ImageListEntry(name, reference));
                    sbom = sbom with { Base = Settings.BaseImage == RuntimeImageSpec.Scratch ? null : new SbomBaseImage(Settings.BaseImage, null) };
                }
                else
                {
                    var outputs = Layout.OciOutputsFor(repository);
                    var written = await DaemonlessComposeStep.RunAsync(new DaemonlessComposeRequest(spec, [reference], outputs)
                    {
                        SourceDirectory = Settings.Source,
                        Login = Settings.RegistryLogin,
                        Transport = Settings.RegistryTransport,
                        Platform = Settings.Platform,
                    }, _logger, cancellationToken).ConfigureAwait(false);
                    Summary.AddImage(written.Tags[0], written.CompressedSize);
                    made.Add(new ImageListEntry(name, reference, outputs.LayoutDirectory));
                    sbom = sbom with { ManifestDigest = written.ManifestDigest, Base = await SbomBase.FromLayoutAsync(outputs.LayoutDirectory!, written.ManifestDigest, cancellationToken).ConfigureAwait(false) };
                }
                if (Settings.Sbom) await SbomStep.RunAsync(sbom, _logger, cancellationToken).ConfigureAwait(false);
            }
            ImageList.Write(Layout, made);
        }
        finally
        {
            engine?.Dispose();
        }
    });

    private async Task ComposeImageIndexAsync(string image, CancellationToken cancellationToken)
    {
        var module = Settings.RequireModule();
        using var selected = await SelectGoBuilderAsync(cancellationToken).ConfigureAwait(false);
        var index = await EngineLoss.ReportAsync(selected.Engine, cancellationToken, async () => await MultiPlatformImageStep.RunAsync(selected, new MultiPlatformImageRequest
        {
            Module = module,
            Options = GoBuildOptions,
            Platforms = Settings.Platforms,
            Spec = ImageSpec().WithLabels(await Labels(image).ResolveAsync(cancellationToken, _logger).ConfigureAwait(false)),
            ImageName = image,
            Tag = Settings.Tag,
            OutputDirectory = Settings.Output,
            Builder = await GoBuilderChoice.ForAsync(selected, Settings.BuilderImage, module, Go.Builders.FileTransfer.Auto, _logger, cancellationToken, Settings.CacheDirectory).ConfigureAwait(false),
            CrossCompilers = Settings.CrossCompilers,
            Sbom = Settings.Sbom,
            Source = Settings.SourceUrl,
            SourceDirectory = Settings.Source,
            DockerArchives = true,
            Login = Settings.RegistryLogin,
            Transport = Settings.RegistryTransport,
        }, _logger, cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);
        foreach (var platform in index.Images)
        {
            foreach (var binary in platform.Binaries) Summary.AddBinary($"{binary.Name} ({platform.Platform})", binary.SizeBytes);
            Summary.AddImage($"{index.ImageName}:{MultiPlatformImageStep.PlatformTag(index.Tag, platform.Platform)}", platform.Image.CompressedSize);
        }
        ImageList.Write(Layout, [new ImageListEntry(image, $"{image}:{index.Tag}", index.LayoutDirectory, IsIndex: true)]);
    }

    /// <summary>What every image of the run shares: the base, the ports, the staged CA bundle.</summary>
    private RuntimeImageSpec ImageSpec()
    {
        var spec = new RuntimeImageSpec { BaseImage = Settings.BaseImage };
        foreach (var port in Settings.ExposedPorts) spec = spec.WithExposedPort(port);
        return spec.WithCaBundle(File.Exists(Layout.CaBundleFile) ? Layout.CaBundleFile : null);
    }

    private OciLabelRequest Labels(string title) => new() { Source = Settings.SourceUrl, Title = title, Version = Settings.Tag, SourceDirectory = Settings.Source };
}
