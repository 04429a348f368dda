using System.Runtime.InteropServices;

namespace MiniContainer.Nuke.Hosting;

/// <summary>
/// Ctrl-C and SIGTERM cancel the running step, and the signal handler waits (briefly) until the step
/// has unwound, so the core removes the containers it started before NUKE's process ends.
/// </summary>
internal static class NukeInterruptSignal
{
    private static readonly TimeSpan CleanupLimit = TimeSpan.FromSeconds(30);
    private static readonly CancellationTokenSource Source = new();
    private static readonly ManualResetEventSlim Idle = new(initialState: true);
    private static readonly List<PosixSignalRegistration> Registrations = [];
    private static int _registered;

    /// <summary>Marks a step as running until the returned scope is disposed; its token is cancelled by a signal.</summary>
    public static StepScope BeginStep()
    {
        if (Interlocked.Exchange(ref _registered, 1) == 0)
        {
            foreach (var signal in new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM })
                Registrations.Add(PosixSignalRegistration.Create(signal, _ =>
                {
                    Source.Cancel();
                    Idle.Wait(CleanupLimit);
                }));
        }
        Idle.Reset();
        return new StepScope(Source.Token);
    }

    internal readonly struct StepScope(CancellationToken token) : IDisposable
    {
        public CancellationToken Token { get; } = token;

        public void Dispose() => Idle.Set();
    }
}
