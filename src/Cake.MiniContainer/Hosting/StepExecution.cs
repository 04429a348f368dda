using System.Diagnostics;
using Cake.Core;
using Cake.Core.Diagnostics;
using Microsoft.Extensions.Logging;
using MiniContainer;
using MiniContainer.Docker;
using MiniContainer.BuildServer;
using MiniContainer.Pipeline;

namespace Cake.MiniContainer.Hosting;

/// <summary>
/// Runs one core step from an alias: Cake's log as the ILogger, a connection to the engine,
/// Ctrl-C/SIGTERM as cancellation, the step's time in the run summary, and a user's mistake
/// (a <see cref="MiniContainerException"/>) as one clear message instead of a stack trace.
/// </summary>
internal static class StepExecution
{
    public static T Run<T>(ICakeContext context, string step, IEngineSettings settings, Func<DockerEngine, ILogger, CancellationToken, Task<T>> body) =>
        Run(context, step, async (logger, cancellationToken) =>
        {
            using var engine = await DockerEngine.ConnectAsync(settings.DockerHost, new EngineProgressLogger(logger), cancellationToken, inactivityTimeout: settings.InactivityTimeout).ConfigureAwait(false);
            return await EngineLoss.ReportAsync(engine, cancellationToken, () => body(engine, logger, cancellationToken)).ConfigureAwait(false);
        });

    public static T Run<T>(ICakeContext context, string step, Func<ILogger, CancellationToken, Task<T>> body) => Run(context, step, timed: true, body);

    public static T Run<T>(ICakeContext context, string step, bool timed, Func<ILogger, CancellationToken, Task<T>> body)
    {
        var logger = new CakeLogger(context.Log);
        RunSummary.Current.PrintAtExit(line => context.Log.Information("{0}", line));
        var clock = Stopwatch.StartNew();
        var cancellationToken = InterruptSignal.Token;
        try
        {
            return body(logger, cancellationToken).GetAwaiter().GetResult();
        }
        catch (Exception e) when (IsUsersToFix(e))
        {
            // A step the build server ran says where it failed: resolving the settings, or the step.
            throw new CakeException($"{(e as BuildServerStepException)?.During ?? step}: {e.Message}");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw new CakeException($"{step}: interrupted; the containers this step started were removed.");
        }
        finally
        {
            if (timed) RunSummary.Current.AddStep(step, clock.Elapsed);
        }
    }

    private static bool IsUsersToFix(Exception e) => e is MiniContainerException;
}
