using System.Globalization;
using MiniContainer;
using MiniContainer.Certificates;
using MiniContainer.Compose;
using MiniContainer.Compose.MultiPlatform;
using MiniContainer.Go;
using MiniContainer.Images;
using MiniContainer.Oci;
using MiniContainer.Oci.Bases;

namespace Cake.MiniContainer.Recipe;

/// <summary>
/// Resolves the recipe's settings: a <c>--name=value</c> argument wins over a <c>MINICONTAINER_&lt;NAME&gt;</c>
/// variable, which wins over the script's <see cref="MiniContainerSettings"/>, which wins over go.mod's
/// defaults. Pure apart from the functions it is given; every value is checked, and a wrong one ends
/// in a <see cref="RecipeArgumentException"/> that names the argument.
/// </summary>
public static class RecipeSettingsResolver
{
    private static readonly HashSet<string> KnownGoArch = new(StringComparer.Ordinal)
        { "386", "amd64", "arm", "arm64", "loong64", "mips", "mips64", "mips64le", "mipsle", "ppc64", "ppc64le", "riscv64", "s390x" };

    /// <param name="script">What the build script set.</param>
    /// <param name="argument">A command-line argument's value by name (null when not given).</param>
    /// <param name="environment">An environment variable's value by name (null when not set).</param>
    /// <param name="workingDirectory">The folder relative paths are resolved against (the script's).</param>
    /// <param name="fileExists">Whether a file exists (for PEM files and --binary).</param>
    /// <param name="loadModule">Reads go.mod in a folder; null when there is none.</param>
    public static ResolvedRecipeSettings Resolve(
        MiniContainerSettings script, Func<string, string?> argument, Func<string, string?> environment,
        string workingDirectory, Func<string, bool> fileExists, Func<string, GoModule?> loadModule)
    {
        var values = new Values(argument, environment);
        var source = FullPath(workingDirectory, (values.Get(RecipeArguments.Source) ?? Given(RecipeArguments.Source, script.Source))?.Value ?? ".");
        var module = loadModule(source.Value);
        var output = FullPath(source.Value, (values.Get(RecipeArguments.Output) ?? Given(RecipeArguments.Output, script.Output))?.Value ?? "artifacts");

        var goArch = values.Get(RecipeArguments.GoArch) ?? Given(RecipeArguments.GoArch, script.GoArch);
        if (goArch is not null && !KnownGoArch.Contains(goArch.Value))
            throw Wrong(goArch, $"is not a GOARCH Go knows; use one of {string.Join(", ", KnownGoArch.Order(StringComparer.Ordinal))}.");

        var baseImage = values.Get(RecipeArguments.BaseImage) ?? Given(RecipeArguments.BaseImage, script.BaseImage);
        if (baseImage is not null && baseImage.Value != RuntimeImageSpec.Scratch && !BaseImageSource.IsOnDisk(baseImage.Value)) CheckReference(baseImage);

        var engine = EngineOf(values.Get(RecipeArguments.Engine) ?? Given(RecipeArguments.Engine, script.Engine));
        var imageAssembly = ImageAssemblyOf(values.Get(RecipeArguments.ImageAssembly) ?? Given(RecipeArguments.ImageAssembly, script.ImageAssembly));
        var (platforms, platformArch) = PlatformsOf(values.GetList(RecipeArguments.Platforms) ?? GivenList(RecipeArguments.Platforms, script.Platforms), goArch, engine);
        var crossCompilers = CrossCompilersOf(values.GetList(RecipeArguments.CrossCc)
            ?? GivenList(RecipeArguments.CrossCc, script.CrossCompilers.Select(c => $"{c.Key}={c.Value}").ToList()));
        var builder = values.Get(RecipeArguments.BuilderImage) ?? Given(RecipeArguments.BuilderImage, script.BuilderImage);
        if (builder is not null) CheckReference(builder);

        var image = values.Get(RecipeArguments.Image) ?? Given(RecipeArguments.Image, script.Image);
        var imageName = image?.Value ?? module?.DefaultBinaryName.ToLowerInvariant();
        if (image is not null) Check(image, () => ImageReference.Create(null, image.Value));
        var tag = values.Get(RecipeArguments.Tag) ?? Given(RecipeArguments.Tag, script.Tag);
        if (tag is not null) Check(tag, () => ImageReference.Create(null, "x", tag.Value));
        var registry = values.Get(RecipeArguments.Registry) ?? Given(RecipeArguments.Registry, script.Registry);
        if (registry is not null) Check(registry, () => ImageReference.Create(registry.Value, "x"));

        var username = values.Get(RecipeArguments.RegistryUsername) ?? Given(RecipeArguments.RegistryUsername, script.RegistryUsername);
        var password = values.Get(RecipeArguments.RegistryPassword) ?? Given(RecipeArguments.RegistryPassword, script.RegistryPassword);
        // Names only, never values: one of the two is a secret.
        if ((username is null) != (password is null))
        {
            var (given, missing) = username is null ? (RecipeArguments.RegistryPassword, RecipeArguments.RegistryUsername) : (RecipeArguments.RegistryUsername, RecipeArguments.RegistryPassword);
            throw new RecipeArgumentException(missing,
                $"{given.CommandLine} is set but {missing.CommandLine} is not (nor {missing.EnvironmentVariable}): give both, or neither to use ~/.docker/config.json.");
        }

        var caBundle = values.Get(RecipeArguments.CaBundle) ?? Given(RecipeArguments.CaBundle, script.CaBundle);
        var (caSource, caFile) = CaBundle(caBundle, source.Value, fileExists);
        var caFiles = (values.GetList(RecipeArguments.CaFile) ?? GivenList(RecipeArguments.CaFile, script.CaFiles) ?? []).Select(file =>
        {
            var path = FullPath(source.Value, file.Value);
            return fileExists(path.Value) ? path.Value : throw Wrong(file, $"names no file ({path.Value} does not exist); give PEM files of the CAs to add.");
        }).ToList();

        var binary = values.Get(RecipeArguments.Binary);
        string? binaryPath = null;
        if (binary is not null)
        {
            binaryPath = FullPath(workingDirectory, binary.Value).Value;
            if (!fileExists(binaryPath)) throw Wrong(binary, $"names no file ({binaryPath} does not exist).");
        }

        var packages = values.GetList(RecipeArguments.Packages)?.Select(p => p.Value).ToList()
            ?? (script.Packages.Count > 0 ? script.Packages.ToList() : ["./..."]);

        return new ResolvedRecipeSettings
        {
            Source = source.Value,
            Output = output.Value,
            Module = module,
            BuilderImage = builder?.Value,
            CCompiler = (values.Get(RecipeArguments.CCompiler) ?? Given(RecipeArguments.CCompiler, script.CCompiler))?.Value,
            Cgo = Boolean(values.Get(RecipeArguments.Cgo)) ?? script.Cgo,
            GoArch = platformArch ?? goArch?.Value,
            Engine = engine,
            ImageAssembly = imageAssembly,
            Platforms = platforms,
            CrossCompilers = crossCompilers,
            Sbom = Boolean(values.Get(RecipeArguments.Sbom)) ?? script.Sbom ?? true,
            CaBundleIsDefault = caBundle is null,
            Packages = packages,
            BaseImage = baseImage?.Value ?? RuntimeImageSpec.DefaultBaseImage,
            Image = imageName,
            Tag = tag?.Value ?? "latest",
            Registry = registry?.Value,
            RegistryUsername = username?.Value,
            RegistryPassword = password?.Value,
            CaBundleSource = caSource,
            CaBundleFile = caFile,
            CaFiles = caFiles,
            Binary = binaryPath,
            RunSmokeTest = Boolean(values.Get(RecipeArguments.SmokeTest)) ?? true,
            Variables = new Dictionary<string, string>(script.Variables, StringComparer.Ordinal),
            SmokeTest = script.SmokeTest,
            SmokeTests = new Dictionary<string, global::Cake.MiniContainer.SmokeTest.SmokeTestSettings>(script.SmokeTests, StringComparer.Ordinal),
            ExposedPorts = script.ExposedPorts.ToList(),
            SourceUrl = (values.Get(RecipeArguments.SourceUrl) ?? Given(RecipeArguments.SourceUrl, script.SourceUrl))?.Value,
            InsecureRegistries = (values.GetList(RecipeArguments.InsecureRegistry) ?? GivenList(RecipeArguments.InsecureRegistry, script.InsecureRegistries))?.Select(r => r.Value).ToList() ?? [],
            InactivityTimeout = Duration(values.Get(RecipeArguments.InactivityTimeout) ?? Given(RecipeArguments.InactivityTimeout, script.InactivityTimeout)) ?? global::MiniContainer.InactivityTimeout.Default,
        };
    }

    private static (CaBundleSource, string?) CaBundle(Setting? value, string source, Func<string, bool> fileExists)
    {
        if (value is null || value.Value.Equals("builder", StringComparison.OrdinalIgnoreCase)) return (CaBundleSource.BuilderImage, null);
        if (value.Value.Equals("none", StringComparison.OrdinalIgnoreCase)) return (CaBundleSource.None, null);
        if (value.Value.Equals("host", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                return (CaBundleSource.File, HostCaBundle.Find(fileExists));
            }
            catch (MiniContainerException e)
            {
                throw Wrong(value, e.Message);
            }
        }
        var path = FullPath(source, value.Value).Value;
        return fileExists(path) ? (CaBundleSource.File, path) : throw Wrong(value, $"is neither `builder`, `host`, `none` nor an existing PEM file ({path} does not exist).");
    }

    private static EngineChoice EngineOf(Setting? value) => value?.Value.Trim().ToLowerInvariant() switch
    {
        null or "auto" => EngineChoice.Auto,
        "docker" => EngineChoice.Docker,
        "none" => EngineChoice.None,
        _ => throw Wrong(value, "is not an engine choice; use auto (the Docker Engine when one answers), docker, or none."),
    };

    private static ImageAssembly ImageAssemblyOf(Setting? value) => value?.Value.Trim().ToLowerInvariant() switch
    {
        null or "auto" => ImageAssembly.Auto,
        "load" => ImageAssembly.Load,
        "dockerfile" => ImageAssembly.DockerfileBuild,
        _ => throw Wrong(value, "is not an image assembly; use auto, load (written here and loaded into the engine) or dockerfile (the engine's build)."),
    };

    /// <summary>The platforms, and the GOARCH one platform sets.</summary>
    private static (IReadOnlyList<OciPlatform>, string?) PlatformsOf(IReadOnlyList<Setting>? values, Setting? goArch, EngineChoice engine)
    {
        if (values is null) return ([], null);
        var given = values[0] with { Value = string.Join(",", values.Select(v => v.Value)) };
        IReadOnlyList<OciPlatform> platforms;
        try
        {
            platforms = TargetPlatforms.Parse(given.Value);
        }
        catch (InvalidPlatformListException e)
        {
            throw Wrong(given, e.Message);
        }
        if (platforms.Count == 1)
        {
            var arch = TargetPlatforms.GoTarget(platforms[0]).GoArch;
            if (goArch is not null && goArch.Value != arch)
                throw Wrong(given, $"builds for {arch}, but {goArch.Where} names {goArch.Value}: give one of the two.");
            return (platforms, arch);
        }
        if (goArch is not null)
            throw Wrong(given, $"names several platforms, each with its own GOARCH, but {goArch.Where} names one: give one of the two.");
        if (engine == EngineChoice.Docker)
            throw Wrong(given, "names several platforms, but --engine=docker keeps images in the Docker Engine, which holds one platform per tag: " +
                "several platforms are composed as an OCI image index and pushed without the engine (--engine=auto or none), or name one platform.");
        return (platforms, null);
    }

    private static Dictionary<string, string> CrossCompilersOf(IReadOnlyList<Setting>? values)
    {
        var compilers = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var value in values ?? [])
        {
            var equals = value.Value.IndexOf('=');
            if (equals <= 0 || equals == value.Value.Length - 1)
                throw Wrong(value, "is not <goarch>=<C compiler>, e.g. arm64=aarch64-linux-musl-gcc.");
            var arch = value.Value[..equals].Trim();
            if (!KnownGoArch.Contains(arch))
                throw Wrong(value, $"names '{arch}', which is not a GOARCH Go knows; use one of {string.Join(", ", KnownGoArch.Order(StringComparer.Ordinal))}.");
            compilers[arch] = value.Value[(equals + 1)..].Trim();
        }
        return compilers;
    }

    private static TimeSpan? Duration(Setting? value)
    {
        if (value is null) return null;
        try
        {
            return global::MiniContainer.InactivityTimeout.Parse(value.Value);
        }
        catch (FormatException e)
        {
            throw new RecipeArgumentException(value.Argument, $"{value.Where}: {e.Message}");
        }
    }

    private static bool? Boolean(Setting? value)
    {
        if (value is null) return null;
        return value.Value.Trim().ToLowerInvariant() switch
        {
            "true" or "1" or "yes" or "on" => true,
            "false" or "0" or "no" or "off" => false,
            _ => throw Wrong(value, "is not a boolean; use true or false."),
        };
    }

    private static void CheckReference(Setting value) => Check(value, () => ImageReference.Parse(value.Value));

    private static void Check(Setting value, Action check)
    {
        try
        {
            check();
        }
        catch (MiniContainerException e)
        {
            throw Wrong(value, $"is not valid: {e.Message}");
        }
    }

    private static RecipeArgumentException Wrong(Setting value, string problem) =>
        new(value.Argument, $"{value.Where}: '{value.Value}' {problem}");

    private static Setting FullPath(string root, string path) => new(RecipeArguments.Source, Path.GetFullPath(Path.Combine(root, path)), "");

    private static Setting? Given(RecipeArgument argument, string? value) =>
        string.IsNullOrWhiteSpace(value) ? null : new Setting(argument, value, $"MiniContainer.Settings ({argument.CommandLine})");

    private static IReadOnlyList<Setting>? GivenList(RecipeArgument argument, IList<string> values) =>
        values.Count == 0 ? null : values.Select(v => Given(argument, v)!).ToList();

    /// <summary>A value and where it came from, for messages.</summary>
    private sealed record Setting(RecipeArgument Argument, string Value, string Where);

    private sealed class Values(Func<string, string?> argument, Func<string, string?> environment)
    {
        public Setting? Get(RecipeArgument name)
        {
            if (argument(name.Name) is { } fromArgument)
                return new Setting(name, fromArgument, $"{name.CommandLine}={fromArgument}");
            if (environment(name.EnvironmentVariable) is { Length: > 0 } fromEnvironment)
                return new Setting(name, fromEnvironment, $"{name.EnvironmentVariable}={fromEnvironment}");
            return null;
        }

        public IReadOnlyList<Setting>? GetList(RecipeArgument name) =>
            Get(name) is { } value
                ? value.Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(v => value with { Value = v }).ToList()
                : null;
    }
}
