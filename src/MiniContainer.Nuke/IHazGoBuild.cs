using Nuke.Common;

namespace MiniContainer.Nuke;

/// <summary>How the Go module is built: where (engine or this machine), the builder image, and the static build's options.</summary>
public interface IHazGoBuild : INukeBuild
{
    [Parameter("auto, docker or none (this machine's Go and musl-gcc, an image written without an engine) - default: auto")]
    string Engine => TryGetValue(() => Engine);

    [Parameter("An image with Go and a musl C compiler to build in - default: minicontainer/go-builder:<go.mod's go>-alpine, made once")]
    string BuilderImage => TryGetValue(() => BuilderImage);

    // Not --cc: NUKE also reads a parameter from the environment variable of its name, where CC is the host's compiler.
    [Parameter("The C compiler inside the builder - default: the builder image's CC")]
    string BuilderCc => TryGetValue(() => BuilderCc);

    [Parameter("CGO_ENABLED (on links musl statically) - default: true")]
    bool? Cgo => TryGetValue<bool?>(() => Cgo);

    // Goarch, not GoArch: NUKE names a parameter after its member split at capitals, which would be --go-arch.
    [Parameter("The target GOARCH (amd64, arm64, ...) - default: this machine's")]
    string Goarch => TryGetValue(() => Goarch);

    [Parameter("The image's platforms, e.g. linux/amd64 linux/arm64; several give an OCI image index, composed without the engine - default: linux/<goarch>")]
    string[] Platforms => TryGetValue(() => Platforms);

    [Parameter("C compilers for foreign architectures with CGO on, <goarch>=<cc>, e.g. arm64=aarch64-linux-musl-gcc")]
    string[] CrossCc => TryGetValue(() => CrossCc);

    [Parameter("The main packages, e.g. ./cmd/api ./cmd/worker - default: ./... (every main package)")]
    string[] Packages => TryGetValue(() => Packages);

    [Parameter("Go build tags, e.g. netgo osusergo")]
    string[] BuildTags => TryGetValue(() => BuildTags);

    // Not --ldflags: NUKE would read the LDFLAGS variable toolchains set for the C linker.
    [Parameter("Extra go -ldflags, appended after MiniContainer's")]
    string GoLdflags => TryGetValue(() => GoLdflags);

    // Not --strip: NUKE would read the STRIP variable cross toolchains set to a program path.
    [Parameter("Strip the symbol table (-s) - default: true")]
    bool? StripSymbols => TryGetValue<bool?>(() => StripSymbols);

    [Parameter("The -X values, e.g. main.version={Version} main.commit={Commit} (templates: {Version}, {Commit}, {ShortCommit}, {CommitDate}, {Branch}, {Env:NAME})")]
    string[] Variables => TryGetValue(() => Variables);

    [Parameter("KEY=VALUE pairs for the go build's environment, e.g. GOEXPERIMENT=loopvar")]
    string[] BuilderEnv => TryGetValue(() => BuilderEnv);

    [Parameter("A .netrc with the credentials of private modules - default: ~/.netrc when GOPRIVATE is set and it exists")]
    string GoNetrc => TryGetValue(() => GoNetrc);

    // The token itself (--go-git-token) has no parameter: the core refuses it on the command line and reads MINICONTAINER_GO_GIT_TOKEN.
    [Parameter("The git hosts the token from MINICONTAINER_GO_GIT_TOKEN is sent to, [user@]host[:port] - default: the hosts of GOPRIVATE's patterns")]
    string[] GoGitHost => TryGetValue(() => GoGitHost);

    [Parameter("A folder for Go's module and build caches (gomodcache/, gocache/) instead of the engine's volumes, for a CI cache step to keep - default: the volumes")]
    string CacheDir => TryGetValue(() => CacheDir);
}
