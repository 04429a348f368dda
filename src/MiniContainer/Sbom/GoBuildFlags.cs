using MiniContainer.Go;

namespace MiniContainer.Sbom;

/// <summary>
/// The exact <c>go build</c> flags of a build (what Compile passes between "go build" and "-o"),
/// for provenance: Go's own build info leaves -ldflags out when -trimpath is on. Pure.
/// </summary>
public static class GoBuildFlags
{
    public static IReadOnlyList<string> For(GoModule module, GoBuildOptions options)
    {
        // The output folder and package list name paths on one machine, so they are left out.
        var invocation = GoCommandLine.Build(module, options, [new GoMainPackage(".", module.ModulePath, "out")], "/out", new GoCachePaths("/gomodcache", "/gocache"));
        return invocation.Argv.Skip(2).TakeWhile(a => a != "-o").ToList();
    }
}
