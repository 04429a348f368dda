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

    // The smoke tests are a function of the binary here, so a build server is handed the answer for each binary the
    // artifacts hold now (SmokeTest runs after ComposeImage, which composed an image of each), and for the script's own.
    public override IEnumerable<string> SmokeTestBinaries
    {
        get
        {
            IEnumerable<string> compiled;
            try
            {
                compiled = build.MiniContainerArtifacts.CompiledBinaries().Select(Path.GetFileName).OfType<string>().ToList();
            }
            catch (MiniContainerException)
            {
                compiled = []; // nothing compiled yet: no step before SmokeTest asks for a smoke test
            }
            return compiled.Concat(base.SmokeTestBinaries);
        }
    }

    public override SmokeTestSpec? SmokeTestFor(string binary) =>
        build is ISmokeTest smoke ? smoke.SmokeTestSettings(base.SmokeTestFor(binary) ?? new SmokeTestSpec(), binary) : base.SmokeTestFor(binary);
}
