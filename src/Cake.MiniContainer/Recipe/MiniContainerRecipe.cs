using Cake.Core;
using Cake.Core.Diagnostics;
using Cake.Core.IO;
using Path = System.IO.Path;
using Cake.MiniContainer.CaCertificates;
using Cake.MiniContainer.ComposeImage;
using Cake.MiniContainer.GoCompile;
using Cake.MiniContainer.GoRestore;
using Cake.MiniContainer.Hosting;
using Cake.MiniContainer.ImageIndex;
using Cake.MiniContainer.Sbom;
using Cake.MiniContainer.PublishImage;
using Cake.MiniContainer.SmokeTest;
using Cake.MiniContainer.VerifyBinary;
using MiniContainer;
using MiniContainer.Certificates;
using MiniContainer.Go;
using MiniContainer.Go.Builders;
using MiniContainer.Images;
using MiniContainer.Oci.Outputs;
using MiniContainer.Sbom;

namespace Cake.MiniContainer.Recipe;

/// <summary>
/// The bodies of the recipe's tasks: each reads its inputs from disk (binaries in &lt;output&gt;/bin,
/// the image list), calls one alias, and writes its outputs to disk, so any task can run alone.
/// </summary>
public sealed class MiniContainerRecipe
{
    private readonly ICakeContext _context;

    private MiniContainerRecipe(ICakeContext context, ResolvedRecipeSettings settings)
    {
        _context = context;
        Settings = settings;
    }

    public ResolvedRecipeSettings Settings { get; }

    /// <summary>
    /// The recipe with its settings resolved now (arguments, environment, script, go.mod): each task
    /// resolves again, so a consumer's task that changes MiniContainer.Settings affects the steps after it.
    /// The run holds the project's <see cref="ProjectBuildLock"/> from its first task: a second run of the project waits.
    /// </summary>
    public static MiniContainerRecipe For(ICakeContext context, MiniContainerSettings script) =>
        new(context, StepExecution.Run(context, "Settings", timed: false, async (logger, cancellationToken) =>
        {
            var settings = Resolve(context, script);
            await ProjectBuildLock.HoldForTheRunAsync(settings.Source, logger, cancellationToken).ConfigureAwait(false);
            return settings;
        }));

    /// <summary>Whether the build steps run: not when --binary names a file to verify alone.</summary>
    public static bool Builds(ICakeContext context) =>
        !context.Arguments.HasArgument(RecipeArguments.Binary.Name) && context.Environment.GetEnvironmentVariable(RecipeArguments.Binary.EnvironmentVariable) is null or "";

    public void GoRestore() => _context.GoRestore(Apply(new GoRestoreSettings()));

    public void GoCompile()
    {
        if (Settings.IsMultiPlatform)
        {
            _context.Log.Information("GoCompile: {0} platforms are compiled, verified and composed one after another in ComposeImage (into {1}/<os>-<arch>).",
                Settings.Platforms.Count, Settings.BinDirectory);
            return;
        }
        // With the engine the folder is kept: Compile skips the build when nothing changed and removes
        // the binaries of main packages it no longer builds. The host's go build has no such record.
        if (!UsesEngine() && Directory.Exists(Settings.BinDirectory))
            foreach (var stale in Directory.EnumerateFiles(Settings.BinDirectory)) File.Delete(stale);
        _context.GoCompile(Apply(new GoCompileSettings { OutputDirectory = Settings.BinDirectory }));
    }

    public void VerifyBinary()
    {
        if (Settings.IsMultiPlatform && Settings.Binary is null)
        {
            _context.Log.Information("VerifyBinary: each platform's binaries are verified for its machine in ComposeImage, right after they are compiled.");
            return;
        }
        var settings = new VerifyBinarySettings { GoArch = Settings.Binary is null ? Settings.GoArch : Settings.GoArch ?? "", ExpectGoBinary = Settings.Binary is null };
        foreach (var binary in Settings.Binary is { } one ? [one] : Binaries()) _context.VerifyBinary(binary, settings);
    }

    public void CaCertificates()
    {
        var (source, file) = (Settings.CaBundleSource, Settings.CaBundleFile);
        if (source == CaBundleSource.BuilderImage && !UsesEngine())
        {
            if (!Settings.CaBundleIsDefault)
                throw new RecipeArgumentException(RecipeArguments.CaBundle,
                    "--ca-bundle=builder copies the bundle out of the builder image, which needs a Docker Engine, and this build uses none: use --ca-bundle=host (this machine's), a PEM file, or none.");
            (source, file) = (CaBundleSource.File, HostCaBundle.Find());
            _context.Log.Information("CaCertificates: no engine, so the image trusts this machine's CA bundle ({0}); --ca-bundle names another.", file);
        }
        _context.CaCertificates(new CaCertificatesSettings
        {
            Source = source,
            BuilderImage = source == CaBundleSource.BuilderImage ? Settings.EffectiveBuilderImage : null,
            File = file,
            ExtraCertificateFiles = Settings.CaFiles.Select(f => new FilePath(f)).ToList(),
            OutputFile = CaBundlePath,
            InactivityTimeout = Settings.InactivityTimeout,
        });
    }

    public void ComposeImage()
    {
        var image = Settings.Image ?? throw new MiniContainerException($"No image name: {Settings.Source} has no go.mod to take it from; give --image=<name>.");
        if (Settings.IsMultiPlatform)
        {
            ComposeImageIndex(image);
            return;
        }
        var binaries = Binaries();
        var inEngine = UsesEngine();
        var buildFlags = GoBuildFlags.For(Settings.RequireModule(), Apply(new GoCompileSettings()).ToOptions(_context)).ToList();
        var made = new List<ComposedImage>();
        foreach (var binary in binaries)
        {
            var name = Path.GetFileName(binary);
            var repository = binaries.Count == 1 ? image : $"{image}-{name.ToLowerInvariant()}";
            var reference = $"{repository}:{Settings.Tag}";
            var settings = ImageSettings(name, buildFlags);
            settings.Binaries = [binary];
            settings.Tags = [reference];
            settings.Platform = Settings.Platform.ToString();
            var sbom = new WriteSbomSettings
            {
                Repository = repository, Tag = Settings.Tag, Platform = Settings.Platform.ToString(), Binaries = [binary], OutputDirectory = Settings.Output,
                SourceUrl = Settings.SourceUrl, SourceDirectory = Settings.Source, BuildFlags = buildFlags,
            };
            if (inEngine)
            {
                _context.ComposeImage(settings);
                made.Add(new ComposedImage(name, reference));
                sbom.BaseImage = Settings.BaseImage;
            }
            else
            {
                var outputs = OciOutputs.Under(Settings.Output, repository);
                var written = _context.ComposeOciImage(settings, outputs.LayoutDirectory!, outputs.ArchivePath);
                made.Add(new ComposedImage(name, reference, outputs.LayoutDirectory));
                (sbom.LayoutDirectory, sbom.ManifestDigest) = (outputs.LayoutDirectory!, written.ManifestDigest);
            }
            if (Settings.Sbom) _context.WriteSbom(sbom);
        }
        ImageList.Write(Settings, made);
    }

    public void SmokeTest()
    {
        foreach (var image in ImageList.Read(Settings))
        {
            if (!image.InEngine)
            {
                var reason = $"{image.Reference} was composed without a Docker Engine ({(image.IsIndex ? "a multi-platform index" : "an OCI layout")} in {image.Layout}), " +
                    "and a smoke test runs the image in one: not tested. Run it with an engine (docker load the archive under the output folder), or build with --engine=docker.";
                _context.Log.Warning("SmokeTest skipped: {0}", reason);
                RunSummary.Current.AddSkipped("SmokeTest", reason);
                continue;
            }
            var smokeTest = Settings.SmokeTestFor(image.Binary) ?? new SmokeTestSettings();
            smokeTest.InactivityTimeout ??= Settings.InactivityTimeout;
            _context.SmokeTest(image.Reference, smokeTest);
        }
    }

    public void PublishImage()
    {
        var images = ImageList.Read(Settings);
        if (Settings.Registry is null)
        {
            _context.Log.Information("PublishImage: no --registry given, so nothing is pushed. The images: {0}",
                string.Join(", ", images.Select(i => i.InEngine ? $"{i.Reference} (in the engine)" : $"{i.Reference} ({i.Layout})")));
            return;
        }
        foreach (var image in images)
        {
            var settings = new PublishImageSettings
            {
                Registry = Settings.Registry,
                Repository = image.Repository,
                Tag = Settings.Tag,
                Username = Settings.RegistryUsername,
                Password = Settings.RegistryPassword,
                Transport = Settings.RegistryTransport,
                DigestFile = Path.Combine(Settings.ImageDirectory, $"{image.Binary}.digest"),
            };
            if (image.IsIndex)
            {
                // The index's SBOMs go up with it.
                _context.PublishImageIndex(BuiltIndexes.TryGetValue(image.Layout!, out var index) ? index
                    : throw new MiniContainerException($"The multi-platform image {image.Reference} was composed in an earlier run: run ComposeImage and PublishImage in one run (e.g. ./build.sh PublishImage)."), settings);
                continue;
            }
            var pushed = image.InEngine ? _context.PublishImage(image.Reference, settings) : _context.PublishOciImage(image.Layout!, settings, image.Tag);
            var sbom = Path.Combine(Settings.Output, "sbom", SbomRequest.DefaultFileName(image.Repository, Settings.Platform));
            if (Settings.Sbom && File.Exists(sbom)) _context.AttachSbom(sbom, pushed.Digest, settings);
        }
    }

    /// <summary>Multi-platform images this process composed, by layout: PublishImage pushes them (with their SBOMs) in the same run.</summary>
    private static readonly Dictionary<string, BuiltImageIndex> BuiltIndexes = new(StringComparer.Ordinal);

    private void ComposeImageIndex(string image)
    {
        var settings = Apply(new ImageIndexSettings { ImageName = image, Tag = Settings.Tag, OutputDirectory = Settings.Output });
        settings.Platforms = Settings.Platforms.Select(p => p.ToString()).ToList();
        settings.CrossCompilers = new Dictionary<string, string>(Settings.CrossCompilers);
        settings.Image = ImageSettings(image, null);
        settings.Sbom = Settings.Sbom;
        var index = _context.BuildImageIndex(settings);
        BuiltIndexes[index.LayoutDirectory.FullPath] = index;
        ImageList.Write(Settings, [new ComposedImage(image, index.Reference, index.LayoutDirectory.FullPath, IsIndex: true)]);
    }

    private ComposeImageSettings ImageSettings(string title, List<string>? buildFlags) => new()
    {
        BaseImage = Settings.BaseImage,
        Assembly = Settings.ImageAssembly,
        ExposedPorts = Settings.ExposedPorts.ToList(),
        CaBundleFile = File.Exists(CaBundlePath) ? CaBundlePath : null,
        Labels = new OciLabelRequest { Source = Settings.SourceUrl, Title = title, Version = Settings.Tag, SourceDirectory = Settings.Source },
        BuildFlags = buildFlags,
        RegistryLogin = Settings.RegistryLogin,
        RegistryTransport = Settings.RegistryTransport,
    };

    /// <summary>Whether this run uses a Docker Engine: --engine=docker or none, else whether one answers (asked once per run).</summary>
    private bool UsesEngine() => Settings.Engine switch
    {
        EngineChoice.Docker => true,
        EngineChoice.None => false,
        _ => EngineProbe.AnswersAsync(null, new CakeLogger(_context.Log), InterruptSignal.Token).GetAwaiter().GetResult(),
    };

    private string CaBundlePath => Path.Combine(Settings.ImageDirectory, "ca-certificates.crt");

    private T Apply<T>(T settings) where T : GoBuilderSettings
    {
        settings.SourceDirectory = Settings.Source;
        settings.BuilderImage = Settings.BuilderImage;
        settings.CCompiler = Settings.CCompiler;
        settings.Cgo = Settings.Cgo;
        settings.GoArch = Settings.GoArch;
        settings.Builder = Settings.Engine switch { EngineChoice.Docker => GoBuilderKind.Engine, EngineChoice.None => GoBuilderKind.Local, _ => GoBuilderKind.Auto };
        settings.Packages = Settings.Packages.ToList();
        settings.Variables = new Dictionary<string, string>(Settings.Variables);
        settings.InactivityTimeout = Settings.InactivityTimeout;
        return settings;
    }

    private List<string> Binaries()
    {
        var folder = Settings.BinDirectory;
        var binaries = Directory.Exists(folder)
            ? Directory.EnumerateFiles(folder).Where(f => !f.EndsWith(".json", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList()
            : [];
        return binaries.Count > 0 ? binaries
            : throw new MiniContainerException($"No binaries in {folder}. Run GoCompile first (e.g. ./build.sh GoCompile), or give --binary=<file> to verify one file.");
    }

    private static ResolvedRecipeSettings Resolve(ICakeContext context, MiniContainerSettings script)
    {
        var resolved = RecipeSettingsResolver.Resolve(
            script,
            name => context.Arguments.HasArgument(name) ? context.Arguments.GetArgument(name) : null,
            context.Environment.GetEnvironmentVariable,
            context.Environment.WorkingDirectory.FullPath,
            File.Exists,
            directory => File.Exists(Path.Combine(directory, "go.mod")) ? GoModule.Load(directory) : null);
        context.Log.Verbose("MiniContainer settings: {0}", resolved);
        return resolved;
    }
}
