using MiniContainer.Go;
using MiniContainer.Go.Builders;
using Nuke.Common;
using Nuke.Common.IO;
using Nuke.Common.Tooling;

namespace MiniContainer.Nuke;

/// <summary>How the Go module is built: the builder container and the options of the static build.</summary>
public interface IHazGoBuild : IHazGoModule, IHazMiniContainerArtifacts
{
    [Parameter("An image with Go and a musl C compiler - default: golang:<go.mod's version>-alpine with gcc and musl-dev, made once")]
    string BuilderImage => TryGetValue(() => BuilderImage);

    // Not --cc: NUKE also reads parameters from the environment, where CC names the host's compiler.
    [Parameter("The C compiler inside the builder - default: the builder image's CC")]
    string BuilderCc => TryGetValue(() => BuilderCc);

    [Parameter("CGO_ENABLED - default: true, linking musl statically")]
    bool? Cgo => TryGetValue<bool?>(() => Cgo);

    [Parameter("The target GOARCH - default: this machine's")]
    string GoArch => TryGetValue(() => GoArch);

    [Parameter("The main packages to build, e.g. ./cmd/... - default: the module's root package")]
    string[] Packages => TryGetValue(() => Packages);

    sealed Configure<GoBuildOptions> GoBuildOptionsBase => _ => GoEnvironment.ApplyHost(_, Environment.GetEnvironmentVariable) with
    {
        Cgo = Cgo ?? _.Cgo,
        CCompiler = BuilderCc ?? _.CCompiler,
        GoArch = GoArch ?? _.GoArch,
        Packages = Packages is { Length: > 0 } packages ? packages : _.Packages,
    };

    /// <summary>The hook for build options, e.g. <c>_ =&gt; _ with { Tags = ["netgo"] }</c>.</summary>
    Configure<GoBuildOptions> GoBuildSettings => _ => _;

    GoBuildOptions GoBuildOptions => new GoBuildOptions().Apply(GoBuildOptionsBase).Apply(GoBuildSettings);

    /// <summary>The hook for the builder container, e.g. <c>_ =&gt; _ with { Transfer = FileTransfer.Copy }</c>.</summary>
    Configure<GoBuilder> GoBuilderSettings => _ => _;

    /// <summary>The binaries the build writes: one per main package, named as <c>go build</c> names them.</summary>
    IReadOnlyList<AbsolutePath> Binaries =>
        GoMainPackageFinder.Find(GoModule, GoBuildOptions.Packages).Select(p => BinariesDirectory / p.BinaryName).ToList();
}
