using MiniContainer.BuildServer;
using MiniContainer.IntegrationTests.Fixtures;

namespace MiniContainer.IntegrationTests.BuildServer;

/// <summary>
/// A build server's folder of its own (0700, under the test's temp folder) and the servers a test starts in it, as a
/// build starts them (<see cref="BuildServerLauncher"/>: /bin/sh, detached). Every server still running is killed at
/// the end, so none outlives the test.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class ServerProcess : IDisposable
{
    /// <summary>The server program as the solution's build leaves it (the same core as this test's, so the same code ID).</summary>
    public static string ServerAssembly { get; } =
        Path.Combine(TestBed.RepositoryRoot, "artifacts", "build", "bin", "MiniContainer.BuildServer", "release", "MiniContainer.BuildServer.dll");

    public ServerProcess()
    {
        File.Exists(ServerAssembly).ShouldBeTrue($"{ServerAssembly} is not built: build MiniContainer.sln first.");
        Directory = Path.Combine(Path.GetTempPath(), $"mc-servers-{Guid.NewGuid():N}"[..24]);
        System.IO.Directory.CreateDirectory(Directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    public string Directory { get; }

    public BuildServerIdentity Identity { get; } = BuildServerIdentity.Current();

    public string SocketPath => Path.Combine(Directory, Identity.SocketName);

    public string PidFile => BuildServerDirectory.PidFileOf(SocketPath);

    public string Log => File.Exists(BuildServerDirectory.LogFileOf(SocketPath)) ? File.ReadAllText(BuildServerDirectory.LogFileOf(SocketPath)) : "(no log)";

    /// <summary>Starts a server for this process's identity (or another one) and waits until it listens; returns its pid.</summary>
    public async Task<int> StartAsync(TimeSpan? idle = null, BuildServerIdentity? identity = null)
    {
        BuildServerLauncher.TryStart(ServerAssembly, SocketPath, identity ?? Identity, idle ?? TimeSpan.FromMinutes(5)).ShouldBeNull();
        return await WaitForPidAsync();
    }

    public async Task<int> WaitForPidAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (File.Exists(SocketPath) && BuildServerDirectory.ReadPid(PidFile) is { } pid) return pid;
            await Task.Delay(50);
        }
        throw new TimeoutException($"no server listened at {SocketPath} within 30 s; its log:\n{Log}");
    }

    public static bool IsAlive(int pid) => System.IO.Directory.Exists($"/proc/{pid}") && !File.ReadAllText($"/proc/{pid}/stat").Contains(") Z ");

    /// <summary>Waits until the process has ended (true) or the limit passed (false).</summary>
    public static async Task<bool> EndsWithinAsync(int pid, TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        while (DateTime.UtcNow < deadline)
        {
            if (!IsAlive(pid)) return true;
            await Task.Delay(50);
        }
        return !IsAlive(pid);
    }

    public static void Kill(int pid, string signal) => ProcessRunner.Run("kill", [$"-{signal}", pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]);

    public void Dispose()
    {
        foreach (var pidFile in System.IO.Directory.Exists(Directory) ? System.IO.Directory.GetFiles(Directory, "*.pid") : [])
            if (BuildServerDirectory.ReadPid(pidFile) is { } pid && IsAlive(pid)) Kill(pid, "KILL");
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
