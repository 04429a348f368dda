namespace MiniContainer.BuildServer;

/// <summary>
/// Where this user's build servers keep their sockets: XDG_RUNTIME_DIR/minicontainer/servers, else
/// ~/.cache/minicontainer/servers, made 0700, never a shared folder such as /tmp: only this user can reach them.
/// Beside each socket <c>server-….pid</c> (its process) and <c>server-….log</c> (its own diagnostics).
/// </summary>
public static class BuildServerDirectory
{
    /// <summary>A Unix socket's path holds at most 107 bytes on Linux.</summary>
    public const int MaxSocketPath = 107;

    public static string Default(Func<string, string?> environment) =>
        environment("XDG_RUNTIME_DIR") is { Length: > 0 } runtime && Path.IsPathFullyQualified(runtime)
            ? Path.Combine(runtime, "minicontainer", "servers")
            : Path.Combine(environment("HOME") is { Length: > 0 } home ? home : Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "minicontainer", "servers");

    public static string PidFileOf(string socketPath) => Path.ChangeExtension(socketPath, ".pid");

    public static string LogFileOf(string socketPath) => Path.ChangeExtension(socketPath, ".log");

    /// <summary>Makes the folder (0700) when it is missing; false when it cannot be made or others may enter it.</summary>
    public static bool EnsurePrivate(string directory)
    {
        if (OperatingSystem.IsWindows()) return false;
        try
        {
            if (!Directory.Exists(directory))
                Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            var others = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;
            return (File.GetUnixFileMode(directory) & others) == 0;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>The servers whose process is alive (by their pid files); the files of dead ones are removed.</summary>
    public static IReadOnlyList<string> LiveServers(string directory)
    {
        var live = new List<string>();
        if (!Directory.Exists(directory)) return live;
        foreach (var pidFile in Directory.EnumerateFiles(directory, "server-*.pid"))
        {
            var socket = Path.ChangeExtension(pidFile, ".sock");
            if (ReadPid(pidFile) is { } pid && IsAlive(pid)) live.Add(socket);
            else
            {
                TryDelete(socket);
                TryDelete(pidFile);
            }
        }
        return live;
    }

    public static int? ReadPid(string pidFile)
    {
        try
        {
            return int.TryParse(File.ReadAllText(pidFile).Trim(), out var pid) ? pid : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    // A zombie (killed, its parent not yet reaping it) answers no build: its files go as a dead server's do.
    private static bool IsAlive(int pid) => !OperatingSystem.IsLinux() || Docker.HostProcessIdentity.StartTimeOf(pid) is not null;

    internal static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }
}
