using MiniContainer.Nuke.Hosting;
using MiniContainer.SmokeTest;
using Nuke.Common;
using Nuke.Common.Tooling;

namespace MiniContainer.Nuke;

/// <summary>SmokeTest: runs each image and checks that it starts (exit code and output, or a server that answers).</summary>
public interface ISmokeTest : IComposeImage
{
    Target SmokeTest => _ => _
        .Description("Runs each image once and checks that it starts")
        .DependsOn(ComposeImage)
        .Executes(() => StepRunner.RunAsync(async (engine, logger, cancellationToken) =>
        {
            foreach (var (_, reference) in Images)
                await SmokeTestStep.RunAsync(engine, reference, new SmokeTestSpec().Apply(SmokeTestSettings), logger, cancellationToken);
        }));

    /// <summary>
    /// The hook for the check; the default runs the image's command and expects exit code 0. A server
    /// wants e.g. <c>_ =&gt; SmokeTestSpec.ForServer(8080)</c>, a CLI <c>_ =&gt; SmokeTestSpec.OneShot("v1", "--version")</c>.
    /// </summary>
    Configure<SmokeTestSpec> SmokeTestSettings => _ => _;
}
