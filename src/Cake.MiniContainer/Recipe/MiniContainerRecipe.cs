using Cake.Core;
using Cake.Core.Diagnostics;
using Cake.Core.IO;
using Path = System.IO.Path;
using Cake.MiniContainer.CaCertificates;
using Cake.MiniContainer.ComposeImage;
using Cake.MiniContainer.GoCompile;
using Cake.MiniContainer.GoRestore;
using Cake.MiniContainer.Hosting;
using Cake.MiniContainer.PublishImage;
using Cake.MiniContainer.SmokeTest;
using Cake.MiniContainer.VerifyBinary;
using MiniContainer;
using MiniContainer.Go;
using MiniContainer.Images.Certificates;
using MiniContainer.Images.Spec;

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
    /// </summary>
    public static MiniContainerRecipe For(ICakeContext context, MiniContainerSettings script) =>
        new(context, StepExecution.Run(context, "Settings", timed: false, (_, _) => Task.FromResult(Resolve(context, script))));

    /// <summary>Whether the build steps run: not when --binary names a file to verify alone.</summary>
    public static bool Builds(ICakeContext context) =>
        !context.Arguments.HasArgument(RecipeArguments.Binary.Name) && context.Environment.GetEnvironmentVariable(RecipeArguments.Binary.EnvironmentVariable) is null or "";

    public void GoRestore() => _context.GoRestore(Apply(new GoRestoreSettings()));

    public void GoCompile()
    {
        // Empty the folder but keep it: a warm builder container has it bind-mounted, and a new folder would be invisible to it.
        if (Directory.Exists(Settings.BinDirectory))
            foreach (var stale in Directory.EnumerateFiles(Settings.BinDirectory)) File.Delete(stale);
        _context.GoCompile(Apply(new GoCompileSettings { OutputDirectory = Settings.BinDirectory }));
    }

    public void VerifyBinary()
    {
        var settings = new VerifyBinarySettings { GoArch = Settings.Binary is null ? Settings.GoArch : Settings.GoArch ?? "", ExpectGoBinary = Settings.Binary is null };
        foreach (var binary in Settings.Binary is { } one ? [one] : Binaries()) _context.VerifyBinary(binary, settings);
    }

    public void CaCertificates() => _context.CaCertificates(new CaCertificatesSettings
    {
        Source = Settings.CaBundleSource,
        BuilderImage = Settings.CaBundleSource == CaBundleSource.BuilderImage ? Settings.EffectiveBuilderImage : null,
        File = Settings.CaBundleFile,
        ExtraCertificateFiles = Settings.CaFiles.Select(f => new FilePath(f)).ToList(),
        OutputFile = CaBundlePath,
    });

    public void ComposeImage()
    {
        var binaries = Binaries();
        var image = Settings.Image ?? throw new MiniContainerException($"No image name: {Settings.Source} has no go.mod to take it from; give --image=<name>.");
        var made = new List<(string Binary, string Reference)>();
        foreach (var binary in binaries)
        {
            var name = Path.GetFileName(binary);
            var reference = $"{(binaries.Count == 1 ? image : $"{image}-{name.ToLowerInvariant()}")}:{Settings.Tag}";
            _context.ComposeImage(new ComposeImageSettings
            {
                BaseImage = Settings.BaseImage,
                Binaries = [binary],
                Tags = [reference],
                ExposedPorts = Settings.ExposedPorts.ToList(),
                CaBundleFile = File.Exists(CaBundlePath) ? CaBundlePath : null,
                Labels = new OciLabelRequest { Source = Settings.SourceUrl, Title = name, Version = Settings.Tag, SourceDirectory = Settings.Source },
            });
            made.Add((name, reference));
        }
        ImageList.Write(Settings, made);
    }

    public void SmokeTest()
    {
        foreach (var (binary, reference) in ImageList.Read(Settings))
            _context.SmokeTest(reference, Settings.SmokeTestFor(binary) ?? new SmokeTestSettings());
    }

    public void PublishImage()
    {
        if (Settings.Registry is null)
        {
            _context.Log.Information("PublishImage: no --registry given, so nothing is pushed. The images are in the engine: {0}",
                string.Join(", ", ImageList.Read(Settings).Select(i => i.Reference)));
            return;
        }
        foreach (var (binary, reference) in ImageList.Read(Settings))
        {
            var repository = reference[..reference.LastIndexOf(':')];
            _context.PublishImage(reference, new PublishImageSettings
            {
                Registry = Settings.Registry,
                Repository = repository,
                Tag = Settings.Tag,
                Username = Settings.RegistryUsername,
                Password = Settings.RegistryPassword,
                DigestFile = Path.Combine(Settings.ImageDirectory, $"{binary}.digest"),
            });
        }
    }

    private string CaBundlePath => Path.Combine(Settings.ImageDirectory, "ca-certificates.crt");

    private T Apply<T>(T settings) where T : GoBuilderSettings
    {
        settings.SourceDirectory = Settings.Source;
        settings.BuilderImage = Settings.BuilderImage;
        settings.CCompiler = Settings.CCompiler;
        settings.Cgo = Settings.Cgo;
        settings.GoArch = Settings.GoArch;
        settings.Packages = Settings.Packages.ToList();
        settings.Variables = new Dictionary<string, string>(Settings.Variables);
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
