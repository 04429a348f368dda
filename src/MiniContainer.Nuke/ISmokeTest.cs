using MiniContainer.Nuke.Hosting;
using MiniContainer.SmokeTest;
using Nuke.Common;
using Nuke.Common.Tooling;

namespace MiniContainer.Nuke;

/// <summary>SmokeTest: runs each image once and checks it starts (exit code and output, or a port that answers); skipped, saying so, for an image made without an engine.</summary>
public interface ISmokeTest : IComposeImage
{
    // The member cannot be called SmokeTest, the target's name; NUKE names the parameter by Name.
    [Parameter("Run the SmokeTest step - default: true", Name = "SmokeTest")]
    bool? RunSmokeTest => TryGetValue<bool?>(() => RunSmokeTest);

    [Parameter("Run the smoke test as a hardened cluster would (read-only root, no capabilities, no new privileges) - default: true")]
    bool? SmokeTestHardened => TryGetValue<bool?>(() => SmokeTestHardened);

    Target SmokeTest => _ => _
        .Description("Runs each image and checks that it starts")
        .DependsOn(ComposeImage)
        .OnlyWhenDynamic(() => SmokeTestEnabled)
        .Executes(() => NukeStepExecution.Run(this, "SmokeTest"));

    /// <summary>
    /// The hook for each binary's smoke test (given the default: the image's command, exit code 0). A server wants e.g.
    /// <c>(_, binary) =&gt; SmokeTestSpec.ForServer(8080)</c>, a CLI <c>(_, _) =&gt; SmokeTestSpec.OneShot("v1", "--version")</c>.
    /// </summary>
    Configure<SmokeTestSpec, string> SmokeTestSettings => (spec, _) => spec;

    /// <summary>--smoke-test false turns it off; settings that cannot resolve leave it on, so the step's own message says why.</summary>
    sealed bool SmokeTestEnabled
    {
        get
        {
            try
            {
                return MiniContainerResolvedSettings.RunSmokeTest;
            }
            catch (MiniContainerException)
            {
                return true;
            }
        }
    }
}
