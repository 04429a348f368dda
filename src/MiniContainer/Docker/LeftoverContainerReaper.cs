using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace MiniContainer.Docker;

/// <summary>
/// Removes containers that an earlier build on this machine started and could not remove itself
/// (it was killed with SIGKILL, or the machine lost power): their host process no longer runs.
/// </summary>
public sealed class LeftoverContainerReaper(DockerEngine engine)
{
    public async Task<IReadOnlyList<string>> ReapAsync(CancellationToken cancellationToken)
    {
        var containers = await engine.Api.ListContainersAsync($"{ContainerLabels.Managed}=true", cancellationToken).ConfigureAwait(false);
        var reaped = new List<string>();
        foreach (var container in containers)
        {
            if (!container.Labels.TryGetValue(ContainerLabels.HostProcess, out var owner) || !IsDeadProcessOfThisMachine(owner)) continue;
            await engine.Api.RemoveContainerAsync(container.Id, cancellationToken).ConfigureAwait(false);
            engine.Logger.LogInformation("Removed container {Id} left behind by an interrupted build ({Owner})", container.Id[..12], owner);
            reaped.Add(container.Id);
        }
        return reaped;
    }

    /// <summary>"machine:pid" names a process of this machine that has ended.</summary>
    internal static bool IsDeadProcessOfThisMachine(string owner)
    {
        var separator = owner.LastIndexOf(':');
        if (separator <= 0 || owner[..separator] != Environment.MachineName) return false;
        if (!int.TryParse(owner[(separator + 1)..], out var pid)) return false;
        if (pid == Environment.ProcessId) return false;
        return !IsRunning(pid);
    }

    /// <summary>
    /// Whether the process still runs. A killed process whose parent died with it stays a zombie until
    /// init reaps it: it still "exists" (and .NET says it has not exited), but it will never run again.
    /// </summary>
    internal static bool IsRunning(int pid)
    {
        if (OperatingSystem.IsLinux())
        {
            try
            {
                // "pid (comm) S ...": the state follows the last ')' (comm itself may hold one).
                var stat = File.ReadAllText($"/proc/{pid}/stat");
                var close = stat.LastIndexOf(')');
                return close < 0 || close + 2 >= stat.Length || stat[close + 2] is not ('Z' or 'X');
            }
            catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
            {
                return false;
            }
            catch (IOException)
            {
                return false; // ended while being read
            }
        }
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false; // no such process
        }
    }
}
