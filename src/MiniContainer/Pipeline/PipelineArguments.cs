namespace MiniContainer.Pipeline;

/// <summary>
/// Every setting the pipeline reads, defined once: the resolver, both hosts (Cake's arguments, NUKE's parameters)
/// and the README's table share this list. Names are safe as NUKE parameters, which NUKE also reads from the
/// environment variable of the same name: hence <c>--builder-cc</c>, not <c>--cc</c> (CC), and <c>--image-tag</c>, not <c>--tag</c> (TAG).
/// </summary>
public static class PipelineArguments
{
    public static readonly PipelineArgument ModuleDir = new("module-dir", "the folder with go.mod", "the build script's folder");
    public static readonly PipelineArgument Output = new("output", "the artifacts folder: `bin/` (binaries, verify reports), `image/` (CA bundle, image list, digests), `sbom/`, `oci/`", "`artifacts` under the module folder");
    public static readonly PipelineArgument BuilderImage = new("builder-image", "an image with Go and a musl C compiler to build in", "`minicontainer/go-builder:<go>-alpine`, made once from `golang:<go>-alpine` + gcc, musl-dev (go directive of go.mod)");
    public static readonly PipelineArgument BuilderCc = new("builder-cc", "the C compiler inside the builder (its CC)", "the builder image's own CC");
    public static readonly PipelineArgument Cgo = new("cgo", "`true` or `false`: CGO_ENABLED (on links libc statically with musl)", "`true` (or the host's CGO_ENABLED)");
    public static readonly PipelineArgument GoArch = new("goarch", "the target GOARCH (`amd64`, `arm64`, ...); Verify checks the binary matches", "this machine's (or the host's GOARCH)");
    public static readonly PipelineArgument Packages = new("packages", "main packages, comma-separated (`.`, `./cmd/api`, `./cmd/...`)", "`./...` (every main package)");
    public static readonly PipelineArgument BaseImage = new("base-image", "the runtime base image, or `scratch`; without an engine also `oci:<dir>[:<tag>]` or `docker-archive:<file>`", "`alpine:3.20`");
    public static readonly PipelineArgument ImageName = new("image-name", "the image name; with several binaries the prefix of `<image>-<binary>`", "the last element of go.mod's module path");
    public static readonly PipelineArgument Registry = new("registry", "`host[:port]` to push to; PublishImage pushes only when it is given", "none: nothing is pushed");
    public static readonly PipelineArgument RegistryUsername = new("registry-username", "user name for the registry (with the password)", "`~/.docker/config.json` (credential helpers, auths)");
    public static readonly PipelineArgument RegistryPassword = new("registry-password", "password or token for the registry; never printed", "`~/.docker/config.json`");
    public static readonly PipelineArgument Engine = new("engine", "`auto`, `docker` or `none`. `docker`: compile in the builder container and compose the image in the engine (SmokeTest runs it); `none`: compile with this machine's Go and `musl-gcc`, write the image without an engine as an OCI layout (`<output>/oci/<image>`) and a docker-archive (`<output>/<image>.docker.tar`), push it with the registry API; SmokeTest is skipped, saying so", "`auto`: `docker` when an engine answers (`DOCKER_HOST`, the local socket), else `none`");
    public static readonly PipelineArgument ImageAssembly = new("image-assembly", "how ComposeImage puts the image into the engine: `load` (layers and config written here and loaded: no build containers, a reproducible image ID), `dockerfile` (the rendered Dockerfile through the engine's build), or `auto`", "`auto`: `load`, unless `apk` must run in the image or the base is not in the engine (then `dockerfile`, which pulls it)");
    public static readonly PipelineArgument Platforms = new("platforms", "the image's platforms, comma-separated (`linux/amd64,linux/arm64`). Several give one image per platform and an OCI image index over them, composed and pushed without the engine (an engine holds one platform per tag); each binary's machine is verified. With `--cgo=true` a foreign architecture needs `--cross-cc`", "one: `linux/<--goarch>`");
    public static readonly PipelineArgument CrossCc = new("cross-cc", "C compilers for foreign architectures with CGO on, `<goarch>=<cc>` comma-separated (`arm64=aarch64-linux-musl-gcc`)", "none: CGO on builds only this machine's architecture");
    public static readonly PipelineArgument Sbom = new("sbom", "`true` or `false`: write an SPDX 2.3 SBOM per image to `<output>/sbom/` (Go modules of each binary, base image, provenance) and attach it to the pushed image", "`true`");
    public static readonly PipelineArgument SourceUrl = new("source-url", "the repository URL for the `org.opencontainers.image.source` label and the SBOM", "none");
    public static readonly PipelineArgument CaBundle = new("ca-bundle", "the CA bundle the image trusts: `builder` (the builder image's), `host` (this machine's, e.g. `/etc/ssl/certs/ca-certificates.crt`), `none`, or a PEM file", "`builder` with an engine, `host` without");
    public static readonly PipelineArgument CaFile = new("ca-file", "extra CA PEM files appended to the bundle, comma-separated", "none");
    public static readonly PipelineArgument Binary = new("binary", "verify this file instead of the compiled binaries (VerifyBinary alone on any file; skips GoRestore and GoCompile)", "the binaries in `<output>/bin`");
    public static readonly PipelineArgument SmokeTest = new("smoke-test", "`true` or `false`: run the SmokeTest step", "`true`");
    public static readonly PipelineArgument SmokeTestHardened = new("smoke-test-hardened", "`true` or `false`: run the smoke test as a hardened cluster runs containers (read-only root file system with a tmpfs `/tmp`, all capabilities dropped, `no-new-privileges`, the image's own user); a program that fails only so is told which restriction it needs lifted", "`true`");
    public static readonly PipelineArgument InsecureRegistry = new("insecure-registry", "registries (`host[:port]`, comma-separated) spoken to over plain HTTP although they are not on loopback; plain HTTP to any other non-loopback registry is refused", "none: plain HTTP only to loopback registries");
    // The image's config (#18 "The image"). --image-user, not --user: NUKE would read USER from the environment.
    public static readonly PipelineArgument Entrypoint = new("entrypoint", "the ENTRYPOINT: its words comma-separated (`/app/api,serve`) or a JSON array (`[\"/app/api\",\"serve\"]`)", "the binary, `/app/<binary>`");
    public static readonly PipelineArgument Cmd = new("cmd", "the CMD, the default arguments after the entry point: comma-separated words or a JSON array", "none");
    public static readonly PipelineArgument ImageEnv = new("image-env", "the image's environment, `KEY=VALUE` comma-separated (a value with a comma: the build script's `ImageEnvironment`)", "the base's");
    public static readonly PipelineArgument ImageLabel = new("image-label", "labels of the image config, `KEY=VALUE` comma-separated, beside the `org.opencontainers.image.*` ones", "the OCI and provenance labels");
    public static readonly PipelineArgument ImageAnnotation = new("image-annotation", "annotations of the OCI manifest (and index), `KEY=VALUE` comma-separated: images composed without an engine carry them in their layout, archive and registry push; the Docker Engine keeps no manifest annotations, so an engine's image has none (use `--image-label`)", "the base's name and digest");
    public static readonly PipelineArgument ImageUser = new("image-user", "the user the program runs as: `uid[:gid]` (on scratch `/etc/passwd` and `/etc/group` name it), or a name the base's `/etc/passwd` has", "`65532:65532` (`nonroot`)");
    public static readonly PipelineArgument Workdir = new("workdir", "the folder the program starts in (absolute)", "`/app`");
    public static readonly PipelineArgument Expose = new("expose", "ports the image declares, comma-separated, `8080` or `8080/udp`", "none");
    public static readonly PipelineArgument ImageTag = new("image-tag", "the image tags, comma-separated: each is composed and pushed; `image/<binary>.digest` holds the first tag's digest, `image/digests.txt` one `<reference> <digest>` line per pushed tag", "`latest`");
    public static readonly PipelineArgument ExtraFiles = new("extra-files", "`<folder>[:<path in image>]`: the folder's files in one layer (as ko's `kodata/`), owned by 0:0, `0755` if executable else `0644`, the same bytes every build", "none; the path `/app/data`");
    public static readonly PipelineArgument Tzdata = new("tzdata", "`true` or `false`: the zoneinfo database in `/usr/share/zoneinfo`, so `time.LoadLocation` works on scratch too (about 400 KB gzipped, 2 MB unpacked): the builder image's with an engine, this machine's without", "`true`");

    public static readonly PipelineArgument InactivityTimeout = new("inactivity-timeout", "how long an exchange with the Docker Engine or a registry may pass without a byte before the build stops with an error naming the endpoint: seconds (`90`) or with a unit (`90s`, `5m`)", "`2m`");

    public static IReadOnlyList<PipelineArgument> All { get; } =
        [ModuleDir, Output, Engine, ImageAssembly, BuilderImage, BuilderCc, Cgo, GoArch, Platforms, CrossCc, Packages, BaseImage, ImageName, ImageTag, Entrypoint, Cmd, ImageEnv, ImageLabel, ImageAnnotation, ImageUser, Workdir, Expose, ExtraFiles, Tzdata, Registry, RegistryUsername, RegistryPassword, InsecureRegistry, CaBundle, CaFile, Sbom, SourceUrl, Binary, SmokeTest, SmokeTestHardened, InactivityTimeout];

    /// <summary>The table the README shows (Markdown).</summary>
    public static string MarkdownTable() =>
        "| argument | environment variable | what it sets | default |\n|---|---|---|---|\n" +
        string.Join("\n", All.Select(a => $"| `{a.CommandLine}` | `{a.EnvironmentVariable}` | {a.Meaning} | {a.Default} |")) + "\n";
}
