using MiniContainer.Compile;
using MiniContainer.Nuke.Hosting;
using Nuke.Common;

namespace MiniContainer.Nuke;

/// <summary>GoCompile: the static musl <c>go build</c> into the artifacts' bin/, skipped when nothing changed.</summary>
public interface IGoCompile : IGoRestore
{
    Target GoCompile => _ => _
        .Description("Static musl go build in the builder container, into <output>/bin")
        .DependsOn(GoRestore)
        .OnlyWhenDynamic(() => CompilesGoModule)
        .Executes(() => NukeStepExecution.Run(this, "GoCompile"));
}
