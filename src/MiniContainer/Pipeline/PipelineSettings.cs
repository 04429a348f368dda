using MiniContainer.Compose;
using MiniContainer.SmokeTest;
using MiniContainer;
using MiniContainer.Compile;
using MiniContainer.Go;
using MiniContainer.Go.Builders;
using MiniContainer.Restore;
using MiniContainer.Docker.Credentials;
using MiniContainer.Publish;
using MiniContainer.Registry;
using MiniContainer.Certificates;
using MiniContainer.Oci;
using MiniContainer.Images;

namespace MiniContainer.Pipeline;

/// <summary>The pipeline's settings after arguments, environment, script and go.mod have had their say.</summary>
public sealed record PipelineSettings
{
    public required string Source { get; init; }

    public required string Output { get; init; }

    /// <summary>The module, or null when the source folder has no go.mod (only VerifyBinary --binary works then).</summary>
    public GoModule? Module { get; init; }

    public EngineChoice Engine { get; init; } = EngineChoice.Auto;

    public ImageAssembly ImageAssembly { get; init; } = ImageAssembly.Auto;

    /// <summary>What ComposeImage writes (--output-format); null: the engine when the run uses one, else an OCI layout and a docker-archive.</summary>
    public ImageOutputFormats? OutputFormats { get; init; }

    /// <summary>The platforms --platforms named; empty for one, linux/&lt;GoArch&gt;.</summary>
    public IReadOnlyList<OciPlatform> Platforms { get; init; } = [];

    /// <summary>Several platforms: one image each and an index, composed and pushed without the engine.</summary>
    public bool IsMultiPlatform => Platforms.Count > 1;

    /// <summary>The one platform of a single-platform build.</summary>
    public OciPlatform Platform => Platforms.Count == 1 ? Platforms[0] : OciPlatform.LinuxFor(GoArch ?? Go.GoBuildOptions.HostGoArch());

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

    /// <summary>Null when there is no go.mod and no --image-name.</summary>
    public string? Image { get; init; }

    /// <summary>The first of <see cref="Tags"/>: the one the version label, the SBOM and image/&lt;binary&gt;.digest name.</summary>
    public string Tag => Tags[0];

    // The image's config (#18 "The image").

    /// <summary>Every tag each image is composed and pushed with (--image-tag, comma-separated).</summary>
    public IReadOnlyList<string> Tags { get; init; } = ["latest"];

    /// <summary>The config of every binary's image without an entry in <see cref="BinaryImageConfigs"/>.</summary>
    public ImageConfigSettings ImageConfig { get; init; } = new() { BaseImage = RuntimeImageSpec.DefaultBaseImage };

    /// <summary>The config of each binary the build script set apart (PipelineScript.Binaries), by binary name.</summary>
    public IReadOnlyDictionary<string, ImageConfigSettings> BinaryImageConfigs { get; init; } = new Dictionary<string, ImageConfigSettings>();

    public ImageConfigSettings ImageConfigFor(string binary) => BinaryImageConfigs.GetValueOrDefault(binary) ?? ImageConfig;

    public string? Registry { get; init; }

    public string? RegistryUsername { get; init; }

    public string? RegistryPassword { get; init; }

    /// <summary>--registry-username/--registry-password bound to --registry: they go to that host only.</summary>
    public RegistryLogin? RegistryLogin =>
        Registry is { } registry && RegistryUsername is { } user && RegistryPassword is { } password ? new RegistryLogin(registry, new RegistryCredentials(user, password)) : null;

    /// <summary>The PEM private key PublishImage signs with (a full path); null signs nothing.</summary>
    public string? SignKey { get; init; }

    /// <summary>The password of an encrypted <see cref="SignKey"/>; never logged.</summary>
    public string? SignKeyPassword { get; init; }

    /// <summary>The PEM public key VerifyImageSignature checks with (a full path).</summary>
    public string? VerifyKey { get; init; }

    public CaBundleSource CaBundleSource { get; init; } = CaBundleSource.BuilderImage;

    public string? CaBundleFile { get; init; }

    /// <summary>Nobody named a CA bundle: the builder image's with an engine, this machine's without.</summary>
    public bool CaBundleIsDefault { get; init; }

    public IReadOnlyList<string> CaFiles { get; init; } = [];

    public string? Binary { get; init; }

    public bool RunSmokeTest { get; init; } = true;

    /// <summary>The smoke test runs under a hardened cluster's restrictions (--smoke-test-hardened).</summary>
    public bool SmokeTestHardened { get; init; } = true;

    /// <summary>The -X values, placeholders already rendered.</summary>
    public IReadOnlyDictionary<string, string> Variables { get; init; } = new Dictionary<string, string>();

    public IReadOnlyList<string> BuildTags { get; init; } = [];

    /// <summary>--go-ldflags, appended after the recipe's -ldflags; null for none.</summary>
    public string? LdFlags { get; init; }

    /// <summary>-s: no symbol table (and no C debug sections).</summary>
    public bool StripSymbols { get; init; } = true;

    /// <summary>--builder-env: go's environment in the builder, over the host's pass-through Go variables.</summary>
    public IReadOnlyDictionary<string, string> BuilderEnvironment { get; init; } = new Dictionary<string, string>();

    /// <summary>The .netrc go reads for private modules (a full path), or null.</summary>
    public string? GoNetrc { get; init; }

    /// <summary>The token git sends to private modules' git hosts, and those hosts (--go-git-token, --go-git-host), or null.</summary>
    public GoGitCredential? GoGitCredential { get; init; }

    /// <summary>--cache-dir as a full path: Go's caches in this folder instead of the engine's volumes; null for the volumes.</summary>
    public string? CacheDirectory { get; init; }

    /// <summary>The smoke test of a binary's image, as the build script set it; null runs the image's CMD and expects exit code 0.</summary>
    public SmokeTestSpec? SmokeTestFor(string binary) => SmokeTests(binary);

    internal Func<string, SmokeTestSpec?> SmokeTests { get; init; } = _ => null;


    public string? SourceUrl { get; init; }

    /// <summary>How long an engine or registry exchange may send no byte (--inactivity-timeout).</summary>
    public TimeSpan InactivityTimeout { get; init; } = MiniContainer.InactivityTimeout.Default;

    public IReadOnlyList<string> InsecureRegistries { get; init; } = [];

    /// <summary>Whether a host runs the steps in a warm build server, and its idle timeout (--build-server, --build-server-idle-timeout).</summary>
    public BuildServer.BuildServerSettings BuildServer { get; init; } = MiniContainer.BuildServer.BuildServerSettings.Off;

    /// <summary>What every registry client of the run is bound by: the insecure hosts and the inactivity limit.</summary>
    public RegistryTransport RegistryTransport => new() { InsecureRegistries = InsecureRegistries, InactivityTimeout = InactivityTimeout };

    /// <summary>Where each step leaves what the next one reads.</summary>
    public ArtifactLayout Layout => new(Output);

    public GoModule RequireModule() => Module ?? GoModule.Load(Source);

    /// <summary>The builder image's name, default or named (the CA step copies from it).</summary>
    public string EffectiveBuilderImage => BuilderImage ?? GoBuilder.DefaultImageFor(RequireModule().GoVersion);

    /// <summary>Where go runs, as --engine says: the builder container, this machine's Go, or whichever answers.</summary>
    public GoBuilderKind BuilderKind => Engine switch { EngineChoice.Docker => GoBuilderKind.Engine, EngineChoice.None => GoBuilderKind.Local, _ => GoBuilderKind.Auto };

    /// <summary>The core's Go build options: the static defaults, the host's Go variables (GOARCH, CGO_ENABLED, ...), then these settings.</summary>
    public GoBuildOptions ToGoBuildOptions(Func<string, string?> environment)
    {
        var options = GoEnvironment.ApplyHost(new GoBuildOptions { Environment = new Dictionary<string, string>(BuilderEnvironment, StringComparer.Ordinal) }, environment);
        if (Packages.Count > 0) options = options with { Packages = Packages.ToList() };
        if (Cgo is { } cgo) options = options with { Cgo = cgo };
        if (GoArch is not null) options = options with { GoArch = GoArch };
        return options with
        {
            CCompiler = CCompiler,
            Variables = new Dictionary<string, string>(Variables, StringComparer.Ordinal),
            Tags = BuildTags.ToList(),
            StripSymbols = StripSymbols,
            ExtraLdFlags = LdFlags is { } ldflags ? [ldflags] : [],
            NetrcFile = GoNetrc,
            GitCredential = GoGitCredential,
        };
    }

    public override string ToString() =>
        $"module {Source}, output {Output}, engine {Engine}, output formats {(OutputFormats is { } formats ? formats.ToString() : "(by the engine)")}, platforms {(Platforms.Count == 0 ? Platform.ToString() : string.Join(",", Platforms))}, sbom {Sbom}, builder {BuilderImage ?? "(default)"}, base {BaseImage}, image {Image}:{string.Join(",", Tags)}, " +
        $"registry {Registry ?? "(none)"}, user {RegistryUsername ?? "(config)"}, password {(RegistryPassword is null ? "(config)" : "***")}, " +
        $"sign key {SignKey ?? "(none)"}{(SignKeyPassword is null ? "" : " (password ***)")}, verify key {VerifyKey ?? "(none)"}";
}
