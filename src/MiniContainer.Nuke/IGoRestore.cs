using MiniContainer.Nuke.Hosting;
using MiniContainer.Pipeline;
using Nuke.Common;

namespace MiniContainer.Nuke;

/// <summary>GoRestore: <c>go mod download</c> in the builder container (module cache on a volume), or with this machine's Go; skipped for vendor/.</summary>
public interface IGoRestore : IHazMiniContainer
{
    Target GoRestore => _ => _
        .Description("go mod download in the builder container (module cache on a volume), or with this machine's Go")
        .OnlyWhenDynamic(() => CompilesGoModule)
        .Executes(() => NukeStepExecution.Run(this, "GoRestore"));

    /// <summary>Whether the build steps run: not when --binary names a file to verify alone.</summary>
    sealed bool CompilesGoModule => MiniContainerPipeline.Builds(new NukeArgumentSource(this), Environment.GetEnvironmentVariable);
}
