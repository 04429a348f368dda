using System.Diagnostics;
using System.Globalization;

namespace MiniContainer.BuildServer;

/// <summary>
/// Starts a build server in the background for the next build: through /bin/sh, which points its standard streams
/// at /dev/null and its log file (so it never holds a terminal's or a CI step's output open) and leaves SIGINT and
/// SIGHUP ignored (a Ctrl-C meant for the build, or a closed terminal, does not end it); then it is on its own. Its
/// environment and folder are this process's, which its identity key is made of.
/// </summary>
internal static class BuildServerLauncher
{
    /// <summary>At most this many servers of this user at once (one per version and environment); beyond it builds run their steps themselves.</summary>
    public const int MaxServers = 8;

    private const string Detach = "log=$1; shift; trap '' INT HUP; exec \"$@\" </dev/null >>\"$log\" 2>&1";

    /// <summary>The command line that starts the server (pure): /bin/sh, then its arguments.</summary>
    public static IReadOnlyList<string> CommandLine(string dotnet, string serverAssembly, string socketPath, BuildServerIdentity identity, TimeSpan idle) =>
        ["-c", Detach, "minicontainer-build-server", BuildServerDirectory.LogFileOf(socketPath), dotnet, serverAssembly,
            "--socket", socketPath, "--version", identity.Version, "--code-id", identity.CodeId, "--key", identity.Key,
            "--idle-timeout", idle.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)];

    /// <summary>Starts it and does not wait; null when it started, else why not.</summary>
    public static string? TryStart(string serverAssembly, string socketPath, BuildServerIdentity identity, TimeSpan idle)
    {
        var (process, notStarted) = Start(serverAssembly, socketPath, identity, idle);
        process?.Dispose();
        return notStarted;
    }

    /// <summary>
    /// Starts it and waits until it listens (its pid file is written after that), at most <paramref name="wait"/>; null when a
    /// server listens at the socket (this one, or another that was quicker), else why not.
    /// </summary>
    public static async Task<string?> StartAndWaitAsync(string serverAssembly, string socketPath, BuildServerIdentity identity, TimeSpan idle, TimeSpan wait,
        CancellationToken cancellationToken)
    {
        var (process, notStarted) = Start(serverAssembly, socketPath, identity, idle);
        if (process is null) return notStarted;
        using (process)
        {
            var pidFile = BuildServerDirectory.PidFileOf(socketPath);
            var deadline = DateTime.UtcNow + wait;
            while (DateTime.UtcNow < deadline)
            {
                if (BuildServerDirectory.ReadPid(pidFile) is not null) return null;
                if (process.HasExited)
                    return process.ExitCode == BuildServerHost.AnotherServerListens && BuildServerDirectory.ReadPid(pidFile) is not null ? null
                        : $"it exited with code {process.ExitCode} (its log: {BuildServerDirectory.LogFileOf(socketPath)})";
                await Task.Delay(PollInterval, cancellationToken).ConfigureAwait(false);
            }
            return $"it did not listen within {wait.TotalSeconds:0} s (its log: {BuildServerDirectory.LogFileOf(socketPath)})";
        }
    }

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(10);

    private static (Process? Process, string? NotStarted) Start(string serverAssembly, string socketPath, BuildServerIdentity identity, TimeSpan idle)
    {
        if (BuildServerDirectory.LiveServers(Path.GetDirectoryName(socketPath)!).Count >= MaxServers)
            return (null, $"{MaxServers} build servers of this user run already (one per version and environment); they exit when idle");
        var start = new ProcessStartInfo("/bin/sh") { UseShellExecute = false, WorkingDirectory = Directory.GetCurrentDirectory() };
        foreach (var argument in CommandLine(DotnetHost(), serverAssembly, socketPath, identity, idle)) start.ArgumentList.Add(argument);
        LeaveOutRuntimeDiagnostics(start.Environment);
        try
        {
            var process = Process.Start(start);
            return process is null ? (null, "/bin/sh did not start") : (process, null);
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return (null, $"/bin/sh did not start ({e.Message})");
        }
    }

    /// <summary>The server's environment is the build's, less the runtime's diagnostic ports (removed from the start's variables).</summary>
    public static void LeaveOutRuntimeDiagnostics(IDictionary<string, string?> environment)
    {
        foreach (var name in BuildServerIdentity.RuntimeDiagnosticVariables) environment.Remove(name);
    }

    /// <summary>The dotnet host running this process (Cake runs as <c>dotnet Cake.dll</c>), else the one on PATH.</summary>
    private static string DotnetHost() =>
        Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path
        : Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host
        : "dotnet";
}
