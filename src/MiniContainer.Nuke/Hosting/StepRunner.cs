using MiniContainer.Docker;
using Nuke.Common;

namespace MiniContainer.Nuke.Hosting;

/// <summary>
/// What every target body shares: the engine connection, the log bridge, cancellation on Ctrl-C, and
/// a <see cref="MiniContainerException"/> turned into the one line the failed target ends with.
/// </summary>
internal static class StepRunner
{
    public static Task RunAsync(Func<DockerEngine, Microsoft.Extensions.Logging.ILogger, CancellationToken, Task> step) =>
        RunAsync(async (logger, cancellationToken) =>
        {
            using var engine = await DockerEngine.ConnectAsync(null, logger, cancellationToken).ConfigureAwait(false);
            await step(engine, logger, cancellationToken).ConfigureAwait(false);
        });

    public static async Task RunAsync(Func<Microsoft.Extensions.Logging.ILogger, CancellationToken, Task> step)
    {
        using var scope = NukeInterruptSignal.BeginStep();
        try
        {
            await step(SerilogBridge.Instance, scope.Token).ConfigureAwait(false);
        }
        catch (MiniContainerException e)
        {
            Assert.Fail(e.Message);
        }
    }
}
