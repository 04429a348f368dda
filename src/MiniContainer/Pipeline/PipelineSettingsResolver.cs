using System.Globalization;
using MiniContainer.Docker.Images;
using MiniContainer.Images;
using MiniContainer.Publish;
using MiniContainer.Elf;
using MiniContainer.Go;
using MiniContainer.Verify;
using MiniContainer.Certificates;
using MiniContainer.Compose;
using MiniContainer.Compose.MultiPlatform;
using MiniContainer.Oci;
using MiniContainer.Oci.Bases;
using MiniContainer.Pipeline.Templates;

namespace MiniContainer.Pipeline;

/// <summary>
/// Resolves the pipeline's settings: a <c>--name=value</c> argument wins over a <c>MINICONTAINER_&lt;NAME&gt;</c>
/// variable, which wins over the script's <see cref="PipelineScript"/>, which wins over go.mod's
/// defaults. Pure apart from the functions it is given; every value is checked, and a wrong one ends
/// in a <see cref="PipelineArgumentException"/> that names the argument.
/// </summary>
public static partial class PipelineSettingsResolver
{
    /// <param name="script">What the build script set.</param>
    /// <param name="arguments">The host's arguments (null when one was not given).</param>
    /// <param name="environment">An environment variable's value by name (null when not set).</param>
    /// <param name="workingDirectory">The folder relative paths are resolved against (the script's).</param>
    /// <param name="fileExists">Whether a file exists (for PEM files and --binary).</param>
    /// <param name="loadModule">Reads go.mod in a folder; null when there is none.</param>
    /// <param name="readSource">Reads the git checkout holding a folder for the version placeholders (null outside one); called only when a placeholder needs it. Null: no checkout.</param>
    public static PipelineSettings Resolve(
        PipelineScript script, IArgumentSource arguments, Func<string, string?> environment,
        string workingDirectory, Func<string, bool> fileExists, Func<string, GoModule?> loadModule, Func<string, SourceVersion?>? readSource = null)
    {
        RefuseSecretsOnTheCommandLine(arguments, script);
        var values = new Values(arguments, environment);
        var source = FullPath(workingDirectory, (values.Get(PipelineArguments.ModuleDir) ?? Given(PipelineArguments.ModuleDir, script.ModuleDir, script.Describe))?.Value ?? ".");
        var module = loadModule(source.Value);
        var templates = new TemplateValues(source.Value, () => readSource?.Invoke(source.Value), environment);
        var output = FullPath(source.Value, (values.Get(PipelineArguments.Output) ?? Given(PipelineArguments.Output, script.Output, script.Describe))?.Value ?? "artifacts");

        var goArch = values.Get(PipelineArguments.GoArch) ?? Given(PipelineArguments.GoArch, script.GoArch, script.Describe);
        if (goArch is not null && !GoArchitecture.Known.Contains(goArch.Value))
            throw Wrong(goArch, $"is not a GOARCH Go knows; use one of {string.Join(", ", GoArchitecture.Known.Order(StringComparer.Ordinal))}.");

        var baseImage = values.Get(PipelineArguments.BaseImage) ?? Given(PipelineArguments.BaseImage, script.BaseImage, script.Describe);
        if (baseImage is not null && baseImage.Value != RuntimeImageSpec.Scratch && !BaseImageSource.IsOnDisk(baseImage.Value)) CheckReference(baseImage);

        var engine = EngineOf(values.Get(PipelineArguments.Engine) ?? Given(PipelineArguments.Engine, script.Engine, script.Describe));
        var imageAssembly = ImageAssemblyOf(values.Get(PipelineArguments.ImageAssembly) ?? Given(PipelineArguments.ImageAssembly, script.ImageAssembly, script.Describe));
        var (platforms, platformArch) = PlatformsOf(values.GetList(PipelineArguments.Platforms) ?? GivenList(PipelineArguments.Platforms, script.Platforms, script.Describe), goArch, engine);
        var outputFormats = OutputFormatsOf(values.GetList(PipelineArguments.OutputFormat) ?? GivenList(PipelineArguments.OutputFormat, script.OutputFormats, script.Describe), engine, platforms.Count > 1);
        var crossCompilers = CrossCompilersOf(values.GetList(PipelineArguments.CrossCc)
            ?? GivenList(PipelineArguments.CrossCc, script.CrossCompilers.Select(c => $"{c.Key}={c.Value}").ToList(), script.Describe));
        var builder = values.Get(PipelineArguments.BuilderImage) ?? Given(PipelineArguments.BuilderImage, script.BuilderImage, script.Describe);
        if (builder is not null) CheckReference(builder);

        var image = values.Get(PipelineArguments.ImageName) ?? Given(PipelineArguments.ImageName, script.ImageName, script.Describe);
        var imageName = image?.Value ?? module?.DefaultBinaryName.ToLowerInvariant();
        if (image is not null) Check(image, () => ImageReference.Create(null, image.Value));
        var tags = TagsOf(values, script, templates);
        var registry = values.Get(PipelineArguments.Registry) ?? Given(PipelineArguments.Registry, script.Registry, script.Describe);
        if (registry is not null) Check(registry, () => ImageReference.Create(registry.Value, "x"));

        var username = values.Get(PipelineArguments.RegistryUsername) ?? Given(PipelineArguments.RegistryUsername, script.RegistryUsername, script.Describe);
        var password = values.Get(PipelineArguments.RegistryPassword) ?? Given(PipelineArguments.RegistryPassword, script.RegistryPassword, script.Describe);
        // Names only, never values: one of the two is a secret.
        if ((username is null) != (password is null))
        {
            var (given, missing) = username is null ? (PipelineArguments.RegistryPassword, PipelineArguments.RegistryUsername) : (PipelineArguments.RegistryUsername, PipelineArguments.RegistryPassword);
            throw new PipelineArgumentException(missing,
                $"{given.CommandLine} is set but {missing.CommandLine} is not (nor {missing.EnvironmentVariable}): give both, or neither to use ~/.docker/config.json.");
        }

        var (signKey, signKeyPassword, verifyKey) = Signing(script, values, source.Value, fileExists);

        var caBundle = values.Get(PipelineArguments.CaBundle) ?? Given(PipelineArguments.CaBundle, script.CaBundle, script.Describe);
        var (caSource, caFile) = CaBundle(caBundle, source.Value, fileExists);
        var caFiles = (values.GetList(PipelineArguments.CaFile) ?? GivenList(PipelineArguments.CaFile, script.CaFiles, script.Describe) ?? []).Select(file =>
        {
            var path = FullPath(source.Value, file.Value);
            return fileExists(path.Value) ? path.Value : throw Wrong(file, $"names no file ({path.Value} does not exist); give PEM files of the CAs to add.");
        }).ToList();

        var binary = values.Get(PipelineArguments.Binary);
        string? binaryPath = null;
        if (binary is not null)
        {
            binaryPath = FullPath(workingDirectory, binary.Value).Value;
            if (!fileExists(binaryPath)) throw Wrong(binary, $"names no file ({binaryPath} does not exist).");
        }

        var builderEnvironment = BuilderEnvironmentOf(script, values);
        var packages = values.GetList(PipelineArguments.Packages)?.Select(p => p.Value).ToList()
            ?? (script.Packages.Count > 0 ? script.Packages.ToList() : ["./..."]);

        return new PipelineSettings
        {
            Source = source.Value,
            Output = output.Value,
            Module = module,
            BuilderImage = builder?.Value,
            CCompiler = (values.Get(PipelineArguments.BuilderCc) ?? Given(PipelineArguments.BuilderCc, script.BuilderCc, script.Describe))?.Value,
            Cgo = Boolean(values.Get(PipelineArguments.Cgo)) ?? script.Cgo,
            GoArch = platformArch ?? goArch?.Value,
            Engine = engine,
            ImageAssembly = imageAssembly,
            OutputFormats = outputFormats,
            Platforms = platforms,
            CrossCompilers = crossCompilers,
            Sbom = Boolean(values.Get(PipelineArguments.Sbom)) ?? script.Sbom ?? true,
            CaBundleIsDefault = caBundle is null,
            Packages = packages,
            BaseImage = baseImage?.Value ?? RuntimeImageSpec.DefaultBaseImage,
            Image = imageName,
            Tags = tags,
            ImageConfig = ImageConfigOf(values, script, null, source.Value, baseImage?.Value ?? RuntimeImageSpec.DefaultBaseImage, templates),
            BinaryImageConfigs = script.Binaries.Keys.ToDictionary(b => b, b => ImageConfigOf(values, script, b, source.Value, baseImage?.Value ?? RuntimeImageSpec.DefaultBaseImage, templates), StringComparer.Ordinal),
            Registry = registry?.Value,
            RegistryUsername = username?.Value,
            RegistryPassword = password?.Value,
            SignKey = signKey,
            SignKeyPassword = signKeyPassword,
            VerifyKey = verifyKey,
            CaBundleSource = caSource,
            CaBundleFile = caFile,
            CaFiles = caFiles,
            Binary = binaryPath,
            RunSmokeTest = Boolean(values.Get(PipelineArguments.SmokeTest)) ?? true,
            SmokeTestHardened = Boolean(values.Get(PipelineArguments.SmokeTestHardened)) ?? script.SmokeTestHardened ?? true,
            Variables = VariablesOf(script, values, templates),
            BuildTags = BuildTagsOf(values.GetList(PipelineArguments.BuildTags) ?? GivenList(PipelineArguments.BuildTags, script.BuildTags, script.Describe)),
            LdFlags = (values.Get(PipelineArguments.GoLdFlags) ?? Given(PipelineArguments.GoLdFlags, script.LdFlags, script.Describe))?.Value.Trim(),
            StripSymbols = Boolean(values.Get(PipelineArguments.StripSymbols)) ?? script.StripSymbols ?? true,
            BuilderEnvironment = builderEnvironment,
            GoNetrc = NetrcOf(values, script, source.Value, builderEnvironment, environment, fileExists),
            GoGitCredential = GitCredentialOf(values, script, builderEnvironment, environment),
            CacheDirectory = CacheDirectoryOf(values.Get(PipelineArguments.CacheDir) ?? Given(PipelineArguments.CacheDir, script.CacheDir, script.Describe), workingDirectory),
            SmokeTests = script.SmokeTestFor,
            SourceUrl = (values.Get(PipelineArguments.SourceUrl) ?? Given(PipelineArguments.SourceUrl, script.SourceUrl, script.Describe))?.Value,
            InsecureRegistries = (values.GetList(PipelineArguments.InsecureRegistry) ?? GivenList(PipelineArguments.InsecureRegistry, script.InsecureRegistries, script.Describe))?.Select(r => r.Value).ToList() ?? [],
            BuildServer = BuildServer(arguments, environment),
            InactivityTimeout = Duration(values.Get(PipelineArguments.InactivityTimeout) ?? Given(PipelineArguments.InactivityTimeout, script.InactivityTimeout, script.Describe)) ?? MiniContainer.InactivityTimeout.Default,
        };
    }

    // Relative to where the build starts, as a CI's cache step names it; made when the build first needs it.
    private static string? CacheDirectoryOf(Setting? value, string workingDirectory) => value is null ? null : FullPath(workingDirectory, value.Value).Value;

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

    /// <summary>A secret (<see cref="PipelineArgument.RefusedOnCommandLine"/>) given on the command line stops the run, without its value.</summary>
    private static void RefuseSecretsOnTheCommandLine(IArgumentSource arguments, PipelineScript script)
    {
        if (PipelineArguments.All.FirstOrDefault(a => a.RefusedOnCommandLine && arguments.Get(a) is not null) is { } secret)
            throw new PipelineArgumentException(secret,
                $"{secret.CommandLine} is refused on the command line, where ps, shell history and CI logs show it: set {secret.EnvironmentVariable} " +
                $"(from a CI secret), or {script.Describe}.{secret.MemberName} from a secret in the build script.");
    }

    /// <summary>The signing key, its password (never from the command line, never in a message) and the verification key.</summary>
    private static (string?, string?, string?) Signing(PipelineScript script, Values values, string source, Func<string, bool> fileExists)
    {
        var password = PipelineArguments.SignKeyPassword;
        string? KeyFile(PipelineArgument argument, string? scripted, string what)
        {
            if ((values.Get(argument) ?? Given(argument, scripted, script.Describe)) is not { } given) return null;
            var path = FullPath(source, given.Value).Value;
            return fileExists(path) ? path : throw Wrong(given, $"names no file ({path} does not exist); give {what}.");
        }
        var signKey = KeyFile(PipelineArguments.SignKey, script.SignKey, "the PEM file of an ECDSA P-256 private key");
        var verifyKey = KeyFile(PipelineArguments.VerifyKey, script.VerifyKey, "the PEM file of the signer's ECDSA P-256 public key");
        var secret = values.Get(password)?.Value ?? (string.IsNullOrEmpty(script.SignKeyPassword) ? null : script.SignKeyPassword);
        return (signKey, secret, verifyKey);
    }

    private static EngineChoice EngineOf(Setting? value) => value?.Value.Trim().ToLowerInvariant() switch
    {
        null or "auto" => EngineChoice.Auto,
        "docker" => EngineChoice.Docker,
        "none" => EngineChoice.None,
        _ => throw Wrong(value, "is not an engine choice; use auto (the Docker Engine when one answers), docker, or none."),
    };

    /// <summary>--output-format: any of engine, oci and docker-archive; null when not given (the default follows the engine).</summary>
    private static ImageOutputFormats? OutputFormatsOf(IReadOnlyList<Setting>? values, EngineChoice engine, bool multiPlatform)
    {
        if (values is null || values.Count == 0) return null;
        ImageOutputFormats formats = 0;
        foreach (var value in values)
            formats |= value.Value.Trim().ToLowerInvariant() switch
            {
                "engine" => ImageOutputFormats.Engine,
                "oci" => ImageOutputFormats.Oci,
                "docker-archive" => ImageOutputFormats.DockerArchive,
                _ => throw Wrong(value, "is not an output format; use engine, oci or docker-archive, comma-separated (e.g. engine,oci)."),
            };
        var given = values[0] with { Value = string.Join(",", values.Select(v => v.Value)) };
        if (formats.HasFlag(ImageOutputFormats.Engine) && engine == EngineChoice.None)
            throw Wrong(given, "puts the image in the Docker Engine, but --engine=none uses no engine: drop engine (oci, docker-archive are written without one), or give --engine=auto or docker.");
        if (multiPlatform && formats.HasFlag(ImageOutputFormats.Engine))
            throw Wrong(given, "puts the image in the Docker Engine, which holds one platform per tag, but several --platforms are composed as an OCI image index: use oci (and docker-archive for an archive per platform), or name one platform.");
        if (multiPlatform && !formats.HasFlag(ImageOutputFormats.Oci))
            throw Wrong(given, "has no oci, but several --platforms are composed as an OCI image index, which is an OCI layout: add oci.");
        return formats;
    }

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
            // The platform list's messages quote the platform at fault themselves.
            throw new PipelineArgumentException(given.Argument, $"{given.Where}: {e.Message}");
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
            if (!GoArchitecture.Known.Contains(arch))
                throw Wrong(value, $"names '{arch}', which is not a GOARCH Go knows; use one of {string.Join(", ", GoArchitecture.Known.Order(StringComparer.Ordinal))}.");
            compilers[arch] = value.Value[(equals + 1)..].Trim();
        }
        return compilers;
    }

    /// <summary>The script's -X values, then the argument's (or variable's) over them; each value's placeholders rendered.</summary>
    private static Dictionary<string, string> VariablesOf(PipelineScript script, Values values, TemplateValues templates)
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in Pairs(PipelineArguments.Variables, script.Variables, script.Describe).Concat(values.GetList(PipelineArguments.Variables) ?? []))
        {
            var (name, value) = KeyValue(pair, "<importpath>.<name>=<value>, e.g. main.version={Version}");
            if (!GoVariableName().IsMatch(name))
                throw Wrong(pair, $"sets '{name}', which is not <importpath>.<name> as -X takes it, e.g. main.version or example.com/app/build.Commit.");
            variables[name] = Rendered(pair, value, templates);
        }
        return variables;
    }

    /// <summary>
    /// The .netrc for private modules: the one named, or ~/.netrc when GOPRIVATE says there are private modules and it exists
    /// (as go itself would read it on this machine).
    /// </summary>
    private static string? NetrcOf(Values values, PipelineScript script, string source, IReadOnlyDictionary<string, string> builderEnvironment,
        Func<string, string?> environment, Func<string, bool> fileExists)
    {
        if ((values.Get(PipelineArguments.GoNetrc) ?? Given(PipelineArguments.GoNetrc, script.GoNetrc, script.Describe)) is { } given)
        {
            var path = FullPath(source, given.Value).Value;
            return fileExists(path) ? path : throw Wrong(given, $"names no file ({path} does not exist); give a .netrc with `machine <host> login <user> password <token>` lines.");
        }
        var goPrivate = builderEnvironment.GetValueOrDefault("GOPRIVATE") ?? environment("GOPRIVATE");
        if (string.IsNullOrWhiteSpace(goPrivate)) return null;
        var home = environment("HOME") is { Length: > 0 } h ? h : System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile);
        if (string.IsNullOrEmpty(home)) return null;
        var netrc = Path.Combine(home, ".netrc");
        return fileExists(netrc) ? netrc : null;
    }

    private static Dictionary<string, string> BuilderEnvironmentOf(PipelineScript script, Values values)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in Pairs(PipelineArguments.BuilderEnv, script.BuilderEnvironment, script.Describe).Concat(values.GetList(PipelineArguments.BuilderEnv) ?? []))
        {
            var (name, value) = KeyValue(pair, "KEY=VALUE, e.g. GOEXPERIMENT=loopvar");
            if (!VersionTemplate.EnvironmentName().IsMatch(name))
                throw Wrong(pair, $"sets '{name}', which is not an environment variable's name (letters, digits and '_', not starting with a digit).");
            if (OwnSetting(name) is { } own)
                throw Wrong(pair, $"sets {name}, which the build sets from {own}: use that instead.");
            environment[name] = value;
        }
        return environment;
    }

    /// <summary>The variables the go command line sets itself, and the setting that says what they are.</summary>
    private static string? OwnSetting(string name) => name switch
    {
        "CGO_ENABLED" => PipelineArguments.Cgo.CommandLine,
        "GOARCH" => $"{PipelineArguments.GoArch.CommandLine} or {PipelineArguments.Platforms.CommandLine}",
        "GOOS" => PipelineArguments.Platforms.CommandLine,
        "CC" => $"{PipelineArguments.BuilderCc.CommandLine} or {PipelineArguments.CrossCc.CommandLine}",
        "GOMODCACHE" or "GOCACHE" => "the builder's cache volumes",
        _ => null,
    };

    private static List<string> BuildTagsOf(IReadOnlyList<Setting>? tags) =>
        (tags ?? []).Select(tag => BuildTag().IsMatch(tag.Value)
            ? tag.Value
            : throw Wrong(tag, "is not a build tag (letters, digits, '_' and '.'); give tags comma-separated, e.g. netgo,osusergo.")).ToList();

    private static IEnumerable<Setting> Pairs(PipelineArgument argument, IDictionary<string, string> pairs, string script) =>
        pairs.Select(p => new Setting(argument, $"{p.Key}={p.Value}", $"{script} ({argument.CommandLine})"));

    private static (string Key, string Value) KeyValue(Setting pair, string allowed)
    {
        var equals = pair.Value.IndexOf('=');
        if (equals <= 0) throw Wrong(pair, $"is not {allowed}; give pairs comma-separated.");
        return (pair.Value[..equals].Trim(), pair.Value[(equals + 1)..]);
    }

    private static string Rendered(Setting setting, string template, TemplateValues templates)
    {
        try
        {
            return VersionTemplate.Parse(template).Render(templates);
        }
        catch (VersionTemplateException e)
        {
            throw Wrong(setting, e.Message);
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^[^\s=]+\.[\p{L}_][\p{L}\p{Nd}_]*$")]
    private static partial System.Text.RegularExpressions.Regex GoVariableName();

    [System.Text.RegularExpressions.GeneratedRegex(@"^[A-Za-z0-9_.]+$")]
    private static partial System.Text.RegularExpressions.Regex BuildTag();

    private static TimeSpan? Duration(Setting? value)
    {
        if (value is null) return null;
        try
        {
            return MiniContainer.InactivityTimeout.Parse(value.Value);
        }
        catch (FormatException e)
        {
            throw new PipelineArgumentException(value.Argument, $"{value.Where}: {e.Message}");
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

    private static PipelineArgumentException Wrong(Setting value, string problem) =>
        new(value.Argument, $"{value.Where}: '{value.Value}' {problem}");

    private static Setting FullPath(string root, string path) => new(PipelineArguments.ModuleDir, Path.GetFullPath(Path.Combine(root, path)), "");

    private static IReadOnlyList<Setting>? GivenList(PipelineArgument argument, IList<string> values, string script) =>
        values.Count == 0 ? null : values.Select(v => Given(argument, v, script)!).ToList();

    private static Setting? Given(PipelineArgument argument, string? value, string script) =>
        string.IsNullOrWhiteSpace(value) ? null : new Setting(argument, value, $"{script} ({argument.CommandLine})");

    /// <summary>A value and where it came from, for messages.</summary>
    private sealed record Setting(PipelineArgument Argument, string Value, string Where);

    private sealed class Values(IArgumentSource arguments, Func<string, string?> environment)
    {
        public Setting? Get(PipelineArgument name)
        {
            if (arguments.Get(name) is { } fromArgument)
                return new Setting(name, fromArgument, $"{name.CommandLine}={fromArgument}");
            if (environment(name.EnvironmentVariable) is { Length: > 0 } fromEnvironment)
                return new Setting(name, fromEnvironment, $"{name.EnvironmentVariable}={fromEnvironment}");
            return null;
        }

        public IReadOnlyList<Setting>? GetList(PipelineArgument name) =>
            Get(name) is { } value
                ? value.Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(v => value with { Value = v }).ToList()
                : null;
    }
}
