using Microsoft.Extensions.Logging;
using MiniContainer.Docker;
using MiniContainer.Compose;
using MiniContainer.Compose.MultiPlatform;
using MiniContainer.Publish;
using MiniContainer.Oci;
using MiniContainer.Oci.Outputs;
using MiniContainer.Images;
using MiniContainer.Sbom;

namespace MiniContainer.Pipeline;

public sealed partial class MiniContainerPipeline
{
    /// <summary>
    /// ComposeImage: one runtime image per binary in bin/ (base or scratch, /app, non-root user, CA bundle, OCI and
    /// provenance labels), in the engine and/or, without one, as an OCI layout and a docker-archive (--output-format; by default the engine when
    /// the run uses one, else both); an SPDX SBOM per image;
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
        CheckBinarySettings(binaries);
        var buildFlags = GoBuildFlags.For(Settings.RequireModule(), GoBuildOptions);
        var engine = await ComposesInEngineAsync(cancellationToken).ConfigureAwait(false) ? await ConnectAsync(cancellationToken).ConfigureAwait(false) : null;
        try
        {
            var made = new List<ImageListEntry>();
            foreach (var binary in binaries)
            {
                var name = Path.GetFileName(binary);
                var config = Settings.ImageConfigFor(name);
                var repository = config.ImageName ?? ImageNaming.RepositoryFor(image, name, binaries.Count);
                var references = Settings.Tags.Select(t => $"{repository}:{t}").ToList();
                var labelled = await LabelledImageSpec.ResolveAsync(ImageSpec(config).WithBinary(binary), Labels(name), buildFlags, _logger, cancellationToken).ConfigureAwait(false);
                var spec = WithUserMetadata(labelled, config);
                var sbom = new SbomRequest(repository, Settings.Platform, [new SbomBinaryFile(binary, new ImageBinary(binary).ImagePath)], Settings.Output)
                {
                    Tag = Settings.Tag, Source = Settings.SourceUrl, BuildFlags = buildFlags, SourceDirectory = Settings.Source,
                };
                var onDisk = DaemonlessOutputsFor(repository, engine is not null, spec);
                // The layout beside the engine's image is written (its layers gzipped) while the engine loads: the base first, as it asks the engine.
                var engineBase = onDisk is null || engine is null ? null : await EngineBaseArchive.SaveAsync(engine, config.BaseImage, Path.Combine(Layout.ImageDirectory, "bases"), _logger, cancellationToken).ConfigureAwait(false);
                // Not asked for, on a base the engine lacks: the engine builds the image on the base it pulls, and pushes it.
                if (Settings.OutputFormats is null && engine is not null && engineBase is null && !spec.IsScratch) onDisk = null;
                var writing = onDisk is null ? null : Task.Run(() => NamingTheUserArgumentAsync(() => DaemonlessComposeStep.RunAsync(new DaemonlessComposeRequest(spec, references, onDisk)
                {
                    Base = engineBase,
                    SourceDirectory = Settings.Source,
                    Login = Settings.RegistryLogin,
                    Transport = Settings.RegistryTransport,
                    Platform = Settings.Platform,
                }, _logger, cancellationToken)), cancellationToken);
                if (engine is not null)
                {
                    if (spec.Annotations.Count > 0)
                        _logger.LogWarning("ComposeImage: {Image} is composed in the Docker Engine, which keeps no manifest annotations, so --image-annotation is not on it; " +
                                           (onDisk?.LayoutDirectory is null ? "images composed without an engine (--output-format=oci) carry them, or use --image-label."
                                               : "the OCI layout written beside it carries them, and PublishImage pushes that."), references[0]);
                    ComposedEngineImage composed;
                    try
                    {
                        composed = await NamingTheUserArgumentAsync(() => EngineLoss.ReportAsync(engine, cancellationToken, () =>
                            ComposeImageStep.RunAsync(engine, new ComposeImageRequest(spec, references) { Assembly = Settings.ImageAssembly }, _logger, cancellationToken))).ConfigureAwait(false);
                    }
                    catch when (writing is not null)
                    {
                        // The engine's failure is the one to report; the layout's writing ends first, whatever became of it.
                        await writing.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default).ConfigureAwait(false);
                        throw;
                    }
                    Summary.AddImage(composed.Reference, composed.Sizes.Total);
                    sbom = sbom with { Base = config.BaseImage == RuntimeImageSpec.Scratch ? null : new SbomBaseImage(config.BaseImage, null) };
                }
                if (writing is not null)
                {
                    var written = await writing.ConfigureAwait(false);
                    // With the engine's image too, the SBOM stays the engine's: that image is the one PublishImage pushes.
                    if (engine is null)
                    {
                        Summary.AddImage(written.Tags[0], written.CompressedSize);
                        sbom = sbom with
                        {
                            ManifestDigest = written.ManifestDigest,
                            Base = onDisk!.LayoutDirectory is { } layout ? await SbomBase.FromLayoutAsync(layout, written.ManifestDigest, cancellationToken).ConfigureAwait(false)
                                : config.BaseImage == RuntimeImageSpec.Scratch ? null : new SbomBaseImage(config.BaseImage, null),
                        };
                    }
                }
                made.Add(new ImageListEntry(name, references[0], onDisk?.LayoutDirectory)
                {
                    AdditionalTags = Settings.Tags.Skip(1).ToList(),
                    Archive = onDisk?.LayoutDirectory is null ? onDisk?.ArchivePath : null,
                    AlsoInEngine = engine is not null && onDisk is not null,
                });
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
            Spec = WithUserMetadata(ImageSpec(Settings.ImageConfig).WithLabels(await Labels(image).ResolveAsync(cancellationToken, _logger).ConfigureAwait(false)), Settings.ImageConfig),
            ImageName = image,
            Tag = Settings.Tag,
            OutputDirectory = Settings.Output,
            Builder = await GoBuilderChoice.ForAsync(selected, Settings.BuilderImage, module, Go.Builders.FileTransfer.Auto, _logger, cancellationToken, Settings.CacheDirectory).ConfigureAwait(false),
            CrossCompilers = Settings.CrossCompilers,
            Sbom = Settings.Sbom,
            Source = Settings.SourceUrl,
            SourceDirectory = Settings.Source,
            DockerArchives = Settings.OutputFormats?.HasFlag(ImageOutputFormats.DockerArchive) ?? true,
            Login = Settings.RegistryLogin,
            Transport = Settings.RegistryTransport,
        }, _logger, cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);
        foreach (var platform in index.Images)
        {
            foreach (var binary in platform.Binaries) Summary.AddBinary($"{binary.Name} ({platform.Platform})", binary.SizeBytes);
            Summary.AddImage($"{index.ImageName}:{MultiPlatformImageStep.PlatformTag(index.Tag, platform.Platform)}", platform.Image.CompressedSize);
        }
        ImageList.Write(Layout, [new ImageListEntry(image, $"{image}:{index.Tag}", index.LayoutDirectory, IsIndex: true) { AdditionalTags = Settings.Tags.Skip(1).ToList() }]);
    }

    /// <summary>Whether ComposeImage puts the image in the engine: --output-format names engine, or (not given) the run uses one.</summary>
    private async Task<bool> ComposesInEngineAsync(CancellationToken cancellationToken) => Settings.OutputFormats is { } formats
        ? formats.HasFlag(ImageOutputFormats.Engine)
        : await UsesEngineAsync(cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// What is written without an engine: what --output-format asks of oci and docker-archive, or (not given) both when there is no engine;
    /// with an engine and a --registry, the layout, which PublishImage pushes with the registry API (the layer written once, gzipped, digest known)
    /// instead of the engine compressing it again; null for nothing.
    /// </summary>
    private OciOutputs? DaemonlessOutputsFor(string repository, bool inEngine, RuntimeImageSpec spec)
    {
        var all = Layout.OciOutputsFor(repository);
        if (Settings.OutputFormats is not { } formats)
            return !inEngine ? all : Settings.Registry is not null && IsLoadedWithoutABuild(spec) ? new OciOutputs(all.LayoutDirectory, null) : null;
        var asked = new OciOutputs(formats.HasFlag(ImageOutputFormats.Oci) ? all.LayoutDirectory : null, formats.HasFlag(ImageOutputFormats.DockerArchive) ? all.ArchivePath : null);
        return asked.LayoutDirectory is null && asked.ArchivePath is null ? null : asked;
    }

    /// <summary>The engine's image is loaded from the layers a layout has too (the same config, so the same ID), not built from a Dockerfile.</summary>
    private bool IsLoadedWithoutABuild(RuntimeImageSpec spec) => Settings.ImageAssembly != ImageAssembly.DockerfileBuild && !spec.InstallCaCertificatesWithApk;

    /// <summary>An image's spec from its resolved config: base, entry point, command, user, working directory, environment, ports, CA bundle, time zones, extra files.</summary>
    private RuntimeImageSpec ImageSpec(ImageConfigSettings config)
    {
        var spec = new RuntimeImageSpec
        {
            BaseImage = config.BaseImage,
            Entrypoint = config.Entrypoint,
            Command = config.Command,
            User = config.User,
            WorkingDirectory = config.WorkingDirectory,
            ExposedPorts = config.ExposedPorts,
            ExtraFiles = config.ExtraFiles,
        };
        return spec.WithEnvironment(config.Environment)
            .WithTimeZoneDatabase(config.TimeZoneData ? ZoneInfoDatabase() : null, config.TimeZoneData ? StagedZoneInfoSource() : null)
            .WithCaBundle(File.Exists(Layout.CaBundleFile) ? Layout.CaBundleFile : null);
    }

    /// <summary>
    /// The user's labels (over the OCI and provenance ones) and manifest annotations: the one place their values enter the image,
    /// where the version templates ({Version}, {Commit}, ...) are to be expanded.
    /// </summary>
    private static RuntimeImageSpec WithUserMetadata(RuntimeImageSpec spec, ImageConfigSettings config) =>
        spec.WithLabels(config.Labels).WithAnnotations(config.Annotations);

    /// <summary>The zoneinfo database for --tzdata: the builder image's as CaCertificates staged it, else this machine's.</summary>
    /// <exception cref="PipelineArgumentException">There is neither.</exception>
    private string ZoneInfoDatabase()
    {
        if (Directory.Exists(Layout.ZoneInfoDirectory)) return Layout.ZoneInfoDirectory;
        if (Directory.Exists(HostZoneInfoDirectory)) return HostZoneInfoDirectory;
        throw new PipelineArgumentException(PipelineArguments.Tzdata,
            $"--tzdata is on (the default), but there is no zoneinfo database: neither {Layout.ZoneInfoDirectory} (CaCertificates copies the builder image's) nor this machine's {HostZoneInfoDirectory}. " +
            "Run CaCertificates with an engine, install tzdata here, or give --tzdata=false (time.LoadLocation then knows only UTC).");
    }

    /// <summary>The builder image ID CaCertificates staged image/zoneinfo from (which fixes its files); null when ComposeImage takes this machine's.</summary>
    private string? StagedZoneInfoSource() =>
        Directory.Exists(Layout.ZoneInfoDirectory) && File.Exists(Layout.ZoneInfoSourceFile) && File.ReadAllText(Layout.ZoneInfoSourceFile).Trim() is { Length: > 0 } id ? id : null;

    /// <summary>A user name the base lacks is the setting's fault: say so with the argument's name.</summary>
    private static async Task<T> NamingTheUserArgumentAsync<T>(Func<Task<T>> compose)
    {
        try
        {
            return await compose().ConfigureAwait(false);
        }
        catch (UnknownImageUserException e)
        {
            throw new PipelineArgumentException(PipelineArguments.ImageUser, $"{PipelineArguments.ImageUser.CommandLine}={e.User}: {e.Message}");
        }
    }

    private const string HostZoneInfoDirectory = "/usr/share/zoneinfo";

    /// <summary>Per-binary settings for a binary this build did not compile are a mistake (a typo, a renamed package): say which binaries there are.</summary>
    private void CheckBinarySettings(IReadOnlyList<string> binaries)
    {
        var names = binaries.Select(Path.GetFileName).ToHashSet(StringComparer.Ordinal);
        var unknown = Settings.BinaryImageConfigs.Keys.Where(k => !names.Contains(k)).Order(StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
            throw new MiniContainerException($"The build script sets images for {string.Join(", ", unknown.Select(u => $"Binaries[\"{u}\"]"))}, but the build made no such binary: " +
                                             $"the binaries are {string.Join(", ", names.Order(StringComparer.Ordinal))}. Name one of them.");
    }

    private OciLabelRequest Labels(string title) => new() { Source = Settings.SourceUrl, Title = title, Version = Settings.Tag, SourceDirectory = Settings.Source };
}
