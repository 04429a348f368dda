using System.Diagnostics;
using MiniContainer.Docker;

namespace MiniContainer.Tests.Docker;

/// <summary>Which owners of a build container count as gone: only the ones this process can see have ended.</summary>
public sealed class HostProcessIdentityTests
{
    private static readonly HostProcessIdentity Observer = new("builder-1", 4242, "9000", "boot-a", "4026531836");

    private static string? NothingRuns(int pid) => null;

    [Fact]
    public void The_label_text_reads_back_as_the_same_identity()
    {
        var owner = new HostProcessIdentity("builder-1", 17, "123456", "df237471-609c-4e08-8258-78500d56ad50", "4026531836");

        owner.ToString().ShouldBe("builder-1:17:123456:df237471-609c-4e08-8258-78500d56ad50:4026531836");
        HostProcessIdentity.Parse(owner.ToString()).ShouldBe(owner);
    }

    [Theory]
    [InlineData("")]
    [InlineData("builder-1")]
    [InlineData(":17")]
    [InlineData("builder-1:x")]
    [InlineData("builder-1:-3")]
    [InlineData("builder-1:17:1:boot")]
    public void Text_that_is_not_an_owner_is_not_read_as_one(string text) => HostProcessIdentity.Parse(text).ShouldBeNull();

    [Fact]
    public void An_ended_process_of_this_boot_and_PID_namespace_is_gone()
    {
        var owner = Observer with { Pid = 17, StartTime = "500" };

        owner.IsProvablyGoneFrom(Observer, NothingRuns).ShouldBeTrue();
    }

    [Fact]
    public void A_pid_reused_by_a_process_started_later_means_the_owner_is_gone_and_the_same_start_time_means_it_runs()
    {
        var owner = Observer with { Pid = 17, StartTime = "500" };

        owner.IsProvablyGoneFrom(Observer, pid => pid == 17 ? "8000" : null).ShouldBeTrue();
        owner.IsProvablyGoneFrom(Observer, pid => pid == 17 ? "500" : null).ShouldBeFalse();
    }

    [Fact]
    public void An_owner_in_another_PID_namespace_boot_or_host_is_never_judged_gone()
    {
        var owner = Observer with { Pid = 17, StartTime = "500" };

        (owner with { PidNamespace = "4026532200" }).IsProvablyGoneFrom(Observer, NothingRuns).ShouldBeFalse();
        (owner with { BootId = "boot-b" }).IsProvablyGoneFrom(Observer, NothingRuns).ShouldBeFalse();
        (owner with { Machine = "builder-2" }).IsProvablyGoneFrom(Observer, NothingRuns).ShouldBeFalse();
    }

    [Fact]
    public void An_older_builds_machine_and_pid_alone_are_never_judged_gone()
    {
        var legacy = HostProcessIdentity.Parse("builder-1:17")!;

        legacy.Pid.ShouldBe(17);
        legacy.IsProvablyGoneFrom(Observer, NothingRuns).ShouldBeFalse();
        (Observer with { BootId = "" }).IsProvablyGoneFrom(Observer with { BootId = "" }, NothingRuns).ShouldBeFalse();
    }

    [Fact]
    public void The_observer_itself_is_never_gone() => Observer.IsProvablyGoneFrom(Observer, NothingRuns).ShouldBeFalse();

    [Fact]
    public void This_process_is_told_apart_by_its_boot_PID_namespace_and_start_time_as_proc_reports_them()
    {
        if (!OperatingSystem.IsLinux()) return;
        var current = HostProcessIdentity.Current;

        current.Pid.ShouldBe(Environment.ProcessId);
        current.BootId.ShouldBe(File.ReadAllText("/proc/sys/kernel/random/boot_id").Trim());
        $"pid:[{current.PidNamespace}]".ShouldBe(new FileInfo("/proc/self/ns/pid").LinkTarget);
        current.StartTime.ShouldNotBeEmpty();
        HostProcessIdentity.StartTimeOf(Environment.ProcessId).ShouldBe(current.StartTime);
        current.IsProvablyGone().ShouldBeFalse();
    }

    [Fact]
    public void A_running_process_of_this_machine_is_alive_and_once_ended_it_is_gone()
    {
        if (!OperatingSystem.IsLinux()) return;
        using var sleeper = Process.Start("sleep", "30");
        var owner = HostProcessIdentity.Current with { Pid = sleeper.Id, StartTime = HostProcessIdentity.StartTimeOf(sleeper.Id)! };
        try
        {
            owner.IsProvablyGone().ShouldBeFalse();
        }
        finally
        {
            sleeper.Kill();
            sleeper.WaitForExit();
        }
        owner.IsProvablyGone().ShouldBeTrue();
    }

    [Fact]
    public void A_killed_process_left_a_zombie_by_its_dead_parent_is_gone()
    {
        if (!OperatingSystem.IsLinux()) return;
        // The child ends after its parent has become `sleep 30` (the shell could still reap it before
        // the exec), and sleep never waits for it: a zombie until the parent is killed.
        var start = new ProcessStartInfo("sh", ["-c", "sleep 1 & echo $!; exec sleep 30"]) { RedirectStandardOutput = true };
        using var parent = Process.Start(start)!;
        try
        {
            var zombie = int.Parse(parent.StandardOutput.ReadLine()!);
            var owner = HostProcessIdentity.Current with { Pid = zombie, StartTime = HostProcessIdentity.StartTimeOf(zombie)! };
            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (!File.ReadAllText($"/proc/{zombie}/stat").Contains(") Z ") && DateTime.UtcNow < deadline) Thread.Sleep(20);

            File.ReadAllText($"/proc/{zombie}/stat").ShouldContain(") Z ");
            owner.IsProvablyGone().ShouldBeTrue();
        }
        finally
        {
            parent.Kill();
        }
    }
}
