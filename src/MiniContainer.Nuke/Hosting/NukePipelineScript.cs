using MiniContainer.SmokeTest;
using MiniContainer.Pipeline;

namespace MiniContainer.Nuke.Hosting;

/// <summary>The core's script as a NUKE build sets it: messages name the hook, and each binary's smoke test comes from <see cref="ISmokeTest.SmokeTestSettings"/>.</summary>
internal sealed class NukePipelineScript(IHazMiniContainer build) : PipelineScript
{
    public override string Describe => "the build's MiniContainerSettings";

    public override SmokeTestSpec? SmokeTestFor(string binary) => build is ISmokeTest smoke ? smoke.SmokeTestSettings(new SmokeTestSpec(), binary) : null;
}
