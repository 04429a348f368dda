using MiniContainer.SmokeTest;

namespace MiniContainer.Pipeline;

/// <summary>
/// What a build script sets for the pipeline (Cake's <c>MiniContainer.Settings</c>, NUKE's settings hook).
/// Each value is the script's default: an argument or a <c>MINICONTAINER_&lt;NAME&gt;</c> variable wins
/// over it, and go.mod supplies what nobody set. See <see cref="PipelineArguments"/>.
/// </summary>
public class PipelineScript
{
    /// <summary>How messages name these settings, e.g. <c>MiniContainer.Settings</c> in a Cake script.</summary>
    public virtual string Describe => "the build script's settings";

    /// <summary>--module-dir: the folder with go.mod.</summary>
    public string? ModuleDir { get; set; }

    /// <summary>--output: the artifacts folder (binaries, reports, staged bundle, digests).</summary>
    public string? Output { get; set; }

    /// <summary>--engine: "auto", "docker" or "none" (the host's Go and a daemonless image).</summary>
    public string? Engine { get; set; }

    /// <summary>--image-assembly: "auto", "load" or "dockerfile" (how ComposeImage puts the image into the engine).</summary>
    public string? ImageAssembly { get; set; }

    /// <summary>--output-format: any of "engine", "oci", "docker-archive" (what ComposeImage writes); empty: the engine when the run uses one, else oci and docker-archive.</summary>
    public IList<string> OutputFormats { get; set; } = [];

    /// <summary>--platforms: e.g. ["linux/amd64", "linux/arm64"]; several give an OCI image index.</summary>
    public IList<string> Platforms { get; set; } = [];

    /// <summary>--cross-cc: the C compiler per foreign GOARCH for CGO builds, e.g. ["arm64"] = "aarch64-linux-musl-gcc".</summary>
    public IDictionary<string, string> CrossCompilers { get; set; } = new Dictionary<string, string>();

    /// <summary>--sbom: write and attach an SPDX SBOM per image.</summary>
    public bool? Sbom { get; set; }

    /// <summary>--builder-image: an image with Go and a musl C compiler.</summary>
    public string? BuilderImage { get; set; }

    /// <summary>--builder-cc: the C compiler inside the builder.</summary>
    public string? BuilderCc { get; set; }

    /// <summary>--cgo: CGO_ENABLED.</summary>
    public bool? Cgo { get; set; }

    /// <summary>--goarch: the target architecture.</summary>
    public string? GoArch { get; set; }

    /// <summary>--packages: main packages, e.g. "./cmd/...".</summary>
    public IList<string> Packages { get; set; } = [];

    /// <summary>--base-image: the runtime base, or "scratch".</summary>
    public string? BaseImage { get; set; }

    /// <summary>--image-name: the image name (one binary), or the prefix of "&lt;image&gt;-&lt;binary&gt;" (several).</summary>
    public string? ImageName { get; set; }

    /// <summary>--image-tag; version placeholders allowed, e.g. "{Version}".</summary>
    public string? ImageTag { get; set; }

    /// <summary>--registry: host[:port] to push to; without it PublishImage pushes nothing.</summary>
    public string? Registry { get; set; }

    /// <summary>--registry-username.</summary>
    public string? RegistryUsername { get; set; }

    /// <summary>--registry-password (never logged).</summary>
    public string? RegistryPassword { get; set; }

    /// <summary>--smoke-test-hardened: run the smoke tests as a hardened cluster would (on by default).</summary>
    public bool? SmokeTestHardened { get; set; }

    /// <summary>--sign-key: an ECDSA P-256 PKCS#8 PEM private key that signs every pushed image.</summary>
    public string? SignKey { get; set; }

    /// <summary>The password of an encrypted --sign-key, e.g. from a CI secret (never logged; the command line may not carry it).</summary>
    public string? SignKeyPassword { get; set; }

    /// <summary>--verify-key: the PEM public key VerifyImageSignature checks with.</summary>
    public string? VerifyKey { get; set; }

    /// <summary>--ca-bundle: "builder" (the builder image's bundle), "host", "none", or a PEM file.</summary>
    public string? CaBundle { get; set; }

    /// <summary>--ca-file: extra CA PEM files appended to the bundle.</summary>
    public IList<string> CaFiles { get; set; } = [];

    /// <summary>--variables: -X values for the build, e.g. ["main.version"] = "{Version}" (version placeholders allowed); the argument's add to these and replace those of the same name.</summary>
    public IDictionary<string, string> Variables { get; set; } = new Dictionary<string, string>();

    /// <summary>--build-tags: go build's -tags, e.g. ["netgo", "osusergo"].</summary>
    public IList<string> BuildTags { get; set; } = [];

    /// <summary>--go-ldflags: more -ldflags, appended after the recipe's.</summary>
    public string? LdFlags { get; set; }

    /// <summary>--strip-symbols: link with -s (default true).</summary>
    public bool? StripSymbols { get; set; }

    /// <summary>--builder-env: environment for go in the builder, e.g. ["GOEXPERIMENT"] = "loopvar"; the argument's add to these and replace those of the same name.</summary>
    public IDictionary<string, string> BuilderEnvironment { get; set; } = new Dictionary<string, string>();

    /// <summary>--cache-dir: a folder for Go's module and build caches (gomodcache/, gocache/) instead of the engine's volumes, for a CI cache step to keep.</summary>
    public string? CacheDir { get; set; }

    /// <summary>--go-netrc: a .netrc with the credentials of private modules (a path, relative to the module folder).</summary>
    public string? GoNetrc { get; set; }

    /// <summary>The --go-git-token for private modules' git servers, e.g. from a CI secret (never logged; the command line may not carry it).</summary>
    public string? GoGitToken { get; set; }

    /// <summary>--go-git-host: the git hosts the token is for, <c>[user@]host[:port]</c>; default GOPRIVATE's hosts.</summary>
    public IList<string> GoGitHosts { get; set; } = [];

    // The image's config (#18 "The image"): --entrypoint, --cmd, --image-env, --image-label, --image-annotation,
    // --image-user, --workdir, --expose, --extra-files, --tzdata; Binaries for what differs per binary.

    /// <summary>--expose: ports the images declare (EXPOSE), TCP.</summary>
    public IList<int> ExposedPorts { get; set; } = [];

    /// <summary>--entrypoint: the ENTRYPOINT's words; empty enters at the binary (/app/&lt;binary&gt;).</summary>
    public IList<string> Entrypoint { get; set; } = [];

    /// <summary>--cmd: CMD, the default arguments after the entry point.</summary>
    public IList<string> Command { get; set; } = [];

    /// <summary>--image-env: the image's environment, e.g. ["GODEBUG"] = "madvdontneed=1".</summary>
    public IDictionary<string, string> ImageEnvironment { get; set; } = new Dictionary<string, string>();

    /// <summary>--image-label: labels of the image config, beside the org.opencontainers.image.* ones.</summary>
    public IDictionary<string, string> ImageLabels { get; set; } = new Dictionary<string, string>();

    /// <summary>--image-annotation: annotations of the OCI manifest (and index) of images composed without an engine.</summary>
    public IDictionary<string, string> ImageAnnotations { get; set; } = new Dictionary<string, string>();

    /// <summary>--image-user: uid[:gid] (or a name the base's /etc/passwd has); default 65532:65532.</summary>
    public string? ImageUser { get; set; }

    /// <summary>--workdir: the folder the program starts in; default /app.</summary>
    public string? WorkingDirectory { get; set; }

    /// <summary>--extra-files: "&lt;folder&gt;[:&lt;path in image&gt;]", the folder's files in one layer (default path /app/data).</summary>
    public string? ExtraFiles { get; set; }

    /// <summary>--tzdata: the zoneinfo database in /usr/share/zoneinfo (on by default).</summary>
    public bool? TimeZoneData { get; set; }

    /// <summary>What differs per binary of a module with several main packages, by binary name (e.g. "api"); arguments still apply to all.</summary>
    public IDictionary<string, BinaryImageScript> Binaries { get; set; } = new Dictionary<string, BinaryImageScript>(StringComparer.Ordinal);

    /// <summary>--source-url: org.opencontainers.image.source, also recorded in the SBOM.</summary>
    public string? SourceUrl { get; set; }

    /// <summary>--insecure-registry: registries (host[:port]) spoken to over plain HTTP although they are not on loopback.</summary>
    public IList<string> InsecureRegistries { get; set; } = [];

    /// <summary>How long an engine or registry exchange may send no byte, e.g. "90s" or "5m" (--inactivity-timeout); default 2m.</summary>
    public string? InactivityTimeout { get; set; }

    /// <summary>The binaries <see cref="SmokeTestFor"/> may answer differently for (any other gets its answer for ""): a host that overrides it names its own.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public virtual IEnumerable<string> SmokeTestBinaries => Binaries.Keys;

    /// <summary>The smoke test of a binary's image; null runs the image's CMD and expects exit code 0. A host maps its own smoke-test settings here.</summary>
    public virtual SmokeTestSpec? SmokeTestFor(string binary) => Binaries.TryGetValue(binary, out var own) ? own.SmokeTest : null;
}
