using System.Diagnostics;
using MiniContainer.Docker;

namespace MiniContainer.Tests.Docker;

/// <summary>Which owners of a build container count as gone: the ones that can never run again.</summary>
public sealed class LeftoverContainerReaperProcessTests
{
    [Fact]
    public void A_running_process_of_this_machine_is_alive_and_this_process_is_never_dead()
    {
        using var sleeper = Process.Start("sleep", "30");
        try
        {
            LeftoverContainerReaper.IsDeadProcessOfThisMachine($"{Environment.MachineName}:{sleeper.Id}").ShouldBeFalse();
            LeftoverContainerReaper.IsDeadProcessOfThisMachine($"{Environment.MachineName}:{Environment.ProcessId}").ShouldBeFalse();
        }
        finally
        {
            sleeper.Kill();
        }
    }

    [Fact]
    public void An_ended_process_is_dead_and_another_machines_process_is_never_judged()
    {
        using var ended = Process.Start("true")!;
        ended.WaitForExit();

        LeftoverContainerReaper.IsDeadProcessOfThisMachine($"{Environment.MachineName}:{ended.Id}").ShouldBeTrue();
        LeftoverContainerReaper.IsDeadProcessOfThisMachine($"some-other-machine:{ended.Id}").ShouldBeFalse();
    }

    [Fact]
    public void A_killed_process_left_a_zombie_by_its_dead_parent_is_dead()
    {
        if (!OperatingSystem.IsLinux()) return;
        // The child ends after its parent has become `sleep 30` (the shell could still reap it before
        // the exec), and sleep never waits for it: a zombie until the parent is killed.
        var start = new ProcessStartInfo("sh", ["-c", "sleep 1 & echo $!; exec sleep 30"]) { RedirectStandardOutput = true };
        using var parent = Process.Start(start)!;
        try
        {
            var zombie = int.Parse(parent.StandardOutput.ReadLine()!);
            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (!File.ReadAllText($"/proc/{zombie}/stat").Contains(") Z ") && DateTime.UtcNow < deadline) Thread.Sleep(20);

            File.ReadAllText($"/proc/{zombie}/stat").ShouldContain(") Z ");
            LeftoverContainerReaper.IsDeadProcessOfThisMachine($"{Environment.MachineName}:{zombie}").ShouldBeTrue();
        }
        finally
        {
            parent.Kill();
        }
    }
}
