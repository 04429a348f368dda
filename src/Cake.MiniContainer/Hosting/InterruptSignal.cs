using System.Runtime.InteropServices;

namespace Cake.MiniContainer.Hosting;

/// <summary>
/// Ctrl-C and SIGTERM become a cancelled token for the core, which then removes the containers it
/// started before the process ends. The first signal cancels; the process exits once the step unwinds.
/// SIGTERM never ends it early: it often arrives twice (to the process group, and forwarded by the
/// `dotnet` muxer that started Cake), and dying on the second would leave the containers behind.
/// A second Ctrl-C, which a person sends, ends the process at once.
/// </summary>
internal static class InterruptSignal
{
    private static readonly CancellationTokenSource Source = new();
    private static readonly List<PosixSignalRegistration> Registrations = [];
    private static int _registered;

    public static CancellationToken Token
    {
        get
        {
            Register();
            return Source.Token;
        }
    }

    private static void Register()
    {
        if (Interlocked.Exchange(ref _registered, 1) == 1) return;
        foreach (var signal in new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM })
        {
            Registrations.Add(PosixSignalRegistration.Create(signal, context =>
            {
                // Keep the process alive until the step has cleaned up; a second Ctrl-C ends it at once.
                if (Source.IsCancellationRequested && context.Signal == PosixSignal.SIGINT) return;
                context.Cancel = true;
                Source.Cancel();
            }));
        }
    }
}
