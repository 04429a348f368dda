using MiniContainer.SmokeTest;
using MiniContainer.Pipeline;

namespace MiniContainer.Nuke.Hosting;

/// <summary>
/// The core's script as a NUKE build sets it: messages name the hook, and each binary's smoke test comes from
/// <see cref="ISmokeTest.SmokeTestSettings"/>, starting from the one the hook set in <c>Binaries[binary].SmokeTest</c>.
/// </summary>
internal sealed class NukePipelineScript(IHazMiniContainer build) : PipelineScript
{
    public override string Describe => "the build's MiniContainerSettings";

    public override SmokeTestSpec? SmokeTestFor(string binary) =>
        build is ISmokeTest smoke ? smoke.SmokeTestSettings(base.SmokeTestFor(binary) ?? new SmokeTestSpec(), binary) : base.SmokeTestFor(binary);
}
