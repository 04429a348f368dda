using MiniContainer.Pipeline;

namespace MiniContainer.BuildServer;

/// <summary>
/// What the core keeps for the length of a process because a host's run is one process: the project lock held for
/// the run, the engine probe's answers, the once-per-run warnings. A build server serves many runs in one process,
/// so it ends each run's state when the build that asked for it disconnects.
/// </summary>
internal static class RunState
{
    public static void EndRun()
    {
        ProjectBuildLock.ReleaseHeldForTheRun();
        EngineProbe.Forget();
        MiniContainerPipeline.EndRun();
        UntrustedCheckout.Forget();
    }
}
