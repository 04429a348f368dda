using Cake.Core;
using Cake.Core.Annotations;
using Cake.MiniContainer.Hosting;
using Cake.MiniContainer.SmokeTest;
using MiniContainer.SmokeTest;

namespace Cake.MiniContainer;

public static partial class MiniContainerAliases
{
    /// <summary>SmokeTest: runs the image and fails the task unless it starts (exit code and output, or a port that answers).</summary>
    [CakeMethodAlias]
    public static SmokeTestPassed SmokeTest(this ICakeContext context, string image, SmokeTestSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentException.ThrowIfNullOrWhiteSpace(image);
        settings ??= new SmokeTestSettings();
        var spec = settings.ToSpec();
        return StepExecution.Run(context, "SmokeTest", settings, async (engine, logger, ct) =>
        {
            var result = await SmokeTestStep.RunAsync(engine, image, spec, logger, ct).ConfigureAwait(false);
            return new SmokeTestPassed(result.Image, result.Checked, result.Duration, result.OutputText);
        });
    }
}
