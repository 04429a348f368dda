using MiniContainer.BuildServer;
using MiniContainer.Pipeline;
using Nuke.Common;
using Serilog;

namespace MiniContainer.Nuke.Hosting;

/// <summary>
/// One target's body: the settings resolved now (a target of the build's own that ran before may have changed them),
/// one step of the core's <see cref="MiniContainerPipeline"/>, NUKE's log as the ILogger, Ctrl-C/SIGTERM as cancellation,
/// and a user's mistake (a <see cref="MiniContainerException"/>) as one message without a stack trace.
/// </summary>
internal static class NukeStepExecution
{
    public static void Run(IHazMiniContainer build, string step)
    {
        UnknownArguments.WarnOnce(build);
        // NUKE has closed its logger by then: the summary goes to the console after NUKE's own table.
        RunSummary.Current.PrintAtExit(Console.WriteLine);
        using var scope = NukeInterruptSignal.BeginStep();
        try
        {
            RunAsync(build, step, scope.Token).GetAwaiter().GetResult();
        }
        catch (MiniContainerException e)
        {
            Fail(build, e.Message);
        }
        catch (OperationCanceledException) when (scope.Token.IsCancellationRequested)
        {
            Fail(build, "Interrupted; the containers this step started were removed.");
        }
    }

    // In the build server when one serves this build (the server resolves the settings as this process would), else here.
    private static async Task RunAsync(IHazMiniContainer build, string step, CancellationToken cancellationToken)
    {
        var script = build.MiniContainerScript;
        var arguments = new NukeArgumentSource(build);
        var request = new BuildServerStepRequest(step, script, arguments, Environment.GetEnvironmentVariable, build.RootDirectory, ServerAssembly);
        if (await BuildServerSteps.TryRunAsync(request, SerilogBridge.Instance, RunSummary.Current, cancellationToken).ConfigureAwait(false)) return;
        var pipeline = await MiniContainerPipeline.StartAsync(script, arguments, Environment.GetEnvironmentVariable,
            build.RootDirectory, SerilogBridge.Instance, RunSummary.Current, cancellationToken).ConfigureAwait(false);
        await pipeline.RunStepAsync(step, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The build server's program, which the package's build file copies beside the build's own assemblies.</summary>
    private static readonly string ServerAssembly = Path.Combine(AppContext.BaseDirectory, "minicontainer-build-server", "MiniContainer.BuildServer.dll");

    private static void Fail(INukeBuild build, string message)
    {
        Log.Error("{Failure:l}", message);
        build.ReportSummary(_ => new Dictionary<string, string> { ["Error"] = FirstSentence(message) });
        throw new StepFailedException(message);
    }

    // The row of NUKE's target table: the message's first sentence, the whole of it is above.
    private static string FirstSentence(string message)
    {
        var line = message.Split('\n')[0].TrimEnd();
        var end = line.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? line : line[..(end + 1)];
    }
}
