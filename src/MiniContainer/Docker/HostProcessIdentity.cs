using System.Globalization;

namespace MiniContainer.Docker;

/// <summary>
/// Which process runs a build, told apart from every other: a pid names a process only within one
/// PID namespace of one boot of one kernel, and only until it is reused. Written on a container as
/// "machine:pid:start:boot-id:pid-namespace" (start: /proc/&lt;pid&gt;/stat's starttime, clock ticks after boot).
/// </summary>
internal sealed record HostProcessIdentity(string Machine, int Pid, string StartTime, string BootId, string PidNamespace)
{
    public static HostProcessIdentity Current { get; } = ReadCurrent();

    public override string ToString() => $"{Machine}:{Pid}:{StartTime}:{BootId}:{PidNamespace}";

    /// <summary>The label's text; null when it is not one (an older build's "machine:pid" is one without the parts that can be checked).</summary>
    public static HostProcessIdentity? Parse(string text)
    {
        var parts = text.Split(':');
        if (parts.Length is not (2 or 5) || parts[0].Length == 0) return null;
        if (!int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var pid) || pid <= 0) return null;
        return parts.Length == 2 ? new(parts[0], pid, "", "", "") : new(parts[0], pid, parts[2], parts[3], parts[4]);
    }

    /// <summary>
    /// Whether this process can see that the owner has ended: it ran in this boot and this PID
    /// namespace, and its pid now names no running process, or one started at another time (reused).
    /// An owner elsewhere (another namespace, host or boot), or one without these parts, is never gone.
    /// </summary>
    /// <param name="startTimeOfRunning">A running process's start time, null when the pid names none (or a zombie).</param>
    public bool IsProvablyGoneFrom(HostProcessIdentity observer, Func<int, string?> startTimeOfRunning)
    {
        if (BootId.Length == 0 || PidNamespace.Length == 0 || StartTime.Length == 0) return false;
        if (BootId != observer.BootId || PidNamespace != observer.PidNamespace || Machine != observer.Machine) return false;
        if (this == observer) return false;
        return startTimeOfRunning(Pid) != StartTime;
    }

    /// <summary><see cref="IsProvablyGoneFrom"/> this process, looking in /proc.</summary>
    public bool IsProvablyGone() => IsProvablyGoneFrom(Current, StartTimeOf);

    /// <summary>Field 22 of /proc/&lt;pid&gt;/stat; null when the pid names no process, or a zombie that will never run again.</summary>
    internal static string? StartTimeOf(int pid) => StartTimeIn($"/proc/{pid}/stat", out _);

    private static HostProcessIdentity ReadCurrent()
    {
        var startTime = StartTimeIn("/proc/self/stat", out var pidInProc);
        // A /proc of another PID namespace (unshare --pid without --mount-proc) cannot check anyone's pids: claim no namespace.
        var pidNamespace = pidInProc == Environment.ProcessId ? ReadPidNamespace() : null;
        return new(Environment.MachineName, Environment.ProcessId, startTime ?? "", ReadBootId() ?? "", pidNamespace ?? "");
    }

    private static string? StartTimeIn(string statPath, out int pid)
    {
        pid = 0;
        if (!OperatingSystem.IsLinux()) return null;
        string stat;
        try
        {
            stat = File.ReadAllText(statPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null; // no such process, or it ended while being read
        }
        // "pid (comm) S ppid ...": the fields after the last ')' (comm itself may hold one) start at field 3.
        var close = stat.LastIndexOf(')');
        var open = stat.IndexOf(' ');
        if (close < 0 || open < 0 || !int.TryParse(stat.AsSpan(0, open), NumberStyles.None, CultureInfo.InvariantCulture, out pid)) return null;
        var fields = stat[(close + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length < 20 || fields[0] is "Z" or "X") return null;
        return fields[19];
    }

    private static string? ReadBootId()
    {
        try
        {
            return OperatingSystem.IsLinux() ? File.ReadAllText("/proc/sys/kernel/random/boot_id").Trim() : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>The inode in "pid:[4026531836]", the link /proc/self/ns/pid names.</summary>
    private static string? ReadPidNamespace()
    {
        try
        {
            var target = OperatingSystem.IsLinux() ? new FileInfo("/proc/self/ns/pid").LinkTarget : null;
            return target is null ? null : new string(target.Where(char.IsAsciiDigit).ToArray());
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
