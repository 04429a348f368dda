using MiniContainer.Certificates;
using MiniContainer.Compose;
using MiniContainer.Docker.Credentials;
using MiniContainer.Go;
using MiniContainer.Oci;
using MiniContainer.Registry;
using Cake.MiniContainer.SmokeTest;

namespace Cake.MiniContainer.Recipe;

/// <summary>The recipe's settings after arguments, environment, script and go.mod have had their say.</summary>
public sealed record ResolvedRecipeSettings
{
    public required string Source { get; init; }

    public required string Output { get; init; }

    /// <summary>The module, or null when the source folder has no go.mod (only VerifyBinary --binary works then).</summary>
    public GoModule? Module { get; init; }

    public EngineChoice Engine { get; init; } = EngineChoice.Auto;

    public ImageAssembly ImageAssembly { get; init; } = ImageAssembly.Auto;

    /// <summary>The platforms --platforms named; empty for one, linux/&lt;GoArch&gt;.</summary>
    public IReadOnlyList<OciPlatform> Platforms { get; init; } = [];

    /// <summary>Several platforms: one image each and an index, composed and pushed without the engine.</summary>
    public bool IsMultiPlatform => Platforms.Count > 1;

    /// <summary>The one platform of a single-platform build.</summary>
    public OciPlatform Platform => Platforms.Count == 1 ? Platforms[0] : OciPlatform.LinuxFor(GoArch ?? GoBuildOptions.HostGoArch());

    /// <summary>GOARCH to C compiler, for CGO builds of foreign architectures.</summary>
    public IReadOnlyDictionary<string, string> CrossCompilers { get; init; } = new Dictionary<string, string>();

    public bool Sbom { get; init; } = true;

    /// <summary>The builder the user named; null for the default builder of go.mod's Go version.</summary>
    public string? BuilderImage { get; init; }

    public string? CCompiler { get; init; }

    public bool? Cgo { get; init; }

    public string? GoArch { get; init; }

    public IReadOnlyList<string> Packages { get; init; } = ["./..."];

    public required string BaseImage { get; init; }

    /// <summary>Null when there is no go.mod and no --image.</summary>
    public string? Image { get; init; }

    public required string Tag { get; init; }

    public string? Registry { get; init; }

    public string? RegistryUsername { get; init; }

    public string? RegistryPassword { get; init; }

    /// <summary>--registry-username/--registry-password bound to --registry: they go to that host only.</summary>
    public RegistryLogin? RegistryLogin =>
        Registry is { } registry && RegistryUsername is { } user && RegistryPassword is { } password ? new RegistryLogin(registry, new RegistryCredentials(user, password)) : null;

    public CaBundleSource CaBundleSource { get; init; } = CaBundleSource.BuilderImage;

    public string? CaBundleFile { get; init; }

    /// <summary>Nobody named a CA bundle: the builder image's with an engine, this machine's without.</summary>
    public bool CaBundleIsDefault { get; init; }

    public IReadOnlyList<string> CaFiles { get; init; } = [];

    public string? Binary { get; init; }

    public bool RunSmokeTest { get; init; } = true;

    public IReadOnlyDictionary<string, string> Variables { get; init; } = new Dictionary<string, string>();

    public SmokeTestSettings? SmokeTest { get; init; }

    public IReadOnlyDictionary<string, SmokeTestSettings> SmokeTests { get; init; } = new Dictionary<string, SmokeTestSettings>();

    public IReadOnlyList<int> ExposedPorts { get; init; } = [];

    public string? SourceUrl { get; init; }

    /// <summary>How long an engine or registry exchange may send no byte (--inactivity-timeout).</summary>
    public TimeSpan InactivityTimeout { get; init; } = global::MiniContainer.InactivityTimeout.Default;

    public IReadOnlyList<string> InsecureRegistries { get; init; } = [];

    /// <summary>What every registry client of the run is bound by: the insecure hosts and the inactivity limit.</summary>
    public RegistryTransport RegistryTransport => new() { InsecureRegistries = InsecureRegistries, InactivityTimeout = InactivityTimeout };

    public string BinDirectory => Path.Combine(Output, "bin");

    public string ImageDirectory => Path.Combine(Output, "image");

    public GoModule RequireModule() => Module ?? GoModule.Load(Source);

    /// <summary>The builder image's name, default or named (the CA step copies from it).</summary>
    public string EffectiveBuilderImage => BuilderImage ?? global::MiniContainer.Go.Builders.GoBuilder.DefaultImageFor(RequireModule().GoVersion);

    public SmokeTestSettings? SmokeTestFor(string binary) => SmokeTests.TryGetValue(binary, out var own) ? own : SmokeTest;

    public override string ToString() =>
        $"source {Source}, output {Output}, engine {Engine}, platforms {(Platforms.Count == 0 ? Platform.ToString() : string.Join(",", Platforms))}, sbom {Sbom}, builder {BuilderImage ?? "(default)"}, base {BaseImage}, image {Image}:{Tag}, " +
        $"registry {Registry ?? "(none)"}, user {RegistryUsername ?? "(config)"}, password {(RegistryPassword is null ? "(config)" : "***")}";
}
