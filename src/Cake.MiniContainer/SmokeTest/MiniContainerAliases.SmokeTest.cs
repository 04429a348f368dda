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
        if (settings.Port is < 1 or > 65535) throw new ArgumentException($"SmokeTest: port {settings.Port} is not between 1 and 65535.", nameof(settings));
        var spec = new SmokeTestSpec
        {
            Arguments = settings.Arguments?.ToList(),
            ExpectedExitCode = settings.ExpectedExitCode,
            ExpectedOutput = settings.ExpectedOutput,
            TimeLimit = settings.TimeLimit,
            Environment = settings.Environment.ToList(),
            Server = settings.Port is { } port ? new ServerProbe(port) { Path = settings.Path } : null,
        };
        return StepExecution.Run(context, "SmokeTest", settings, async (engine, logger, ct) =>
        {
            var result = await SmokeTestStep.RunAsync(engine, image, spec, logger, ct).ConfigureAwait(false);
            return new SmokeTestPassed(result.Image, result.Checked, result.Duration, result.OutputText);
        });
    }
}
