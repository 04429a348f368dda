using MiniContainer.Docker;

namespace MiniContainer.Tests.Docker;

/// <summary>Which labelled containers the reaper removes: a provably gone owner's, or an uncheckable owner's after a day.</summary>
public sealed class LeftoverContainerReaperDecisionTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly HostProcessIdentity Observer = new("builder-1", 4242, "9000", "boot-a", "4026531836");

    private static string? NothingRuns(int pid) => null;

    private static Dictionary<string, string> Labels(string owner, TimeSpan age) => new()
    {
        [ContainerLabels.Managed] = "true",
        [ContainerLabels.HostProcess] = owner,
        [ContainerLabels.Created] = (Now - age).ToUnixTimeSeconds().ToString(),
    };

    [Fact]
    public void A_container_of_an_ended_process_of_this_namespace_is_a_leftover_at_once()
    {
        var owner = Observer with { Pid = 17, StartTime = "500" };

        LeftoverContainerReaper.IsLeftover(Labels(owner.ToString(), TimeSpan.FromSeconds(5)), Now, Observer, NothingRuns).ShouldBeTrue();
    }

    [Fact]
    public void A_container_of_a_build_in_another_PID_namespace_is_kept_until_it_is_older_than_a_day()
    {
        var owner = Observer with { Pid = 17, StartTime = "500", PidNamespace = "4026532200" };

        LeftoverContainerReaper.IsLeftover(Labels(owner.ToString(), TimeSpan.FromHours(23)), Now, Observer, NothingRuns).ShouldBeFalse();
        LeftoverContainerReaper.IsLeftover(Labels(owner.ToString(), TimeSpan.FromHours(25)), Now, Observer, NothingRuns).ShouldBeTrue();
    }

    [Fact]
    public void A_container_of_an_older_build_that_names_only_machine_and_pid_is_kept_until_it_is_older_than_a_day()
    {
        LeftoverContainerReaper.IsLeftover(Labels("builder-1:17", TimeSpan.FromHours(1)), Now, Observer, NothingRuns).ShouldBeFalse();
        LeftoverContainerReaper.IsLeftover(Labels("builder-1:17", TimeSpan.FromHours(25)), Now, Observer, NothingRuns).ShouldBeTrue();
    }

    [Fact]
    public void This_processs_own_container_is_never_a_leftover_however_old() =>
        LeftoverContainerReaper.IsLeftover(Labels(Observer.ToString(), TimeSpan.FromDays(3)), Now, Observer, NothingRuns).ShouldBeFalse();

    [Fact]
    public void A_container_without_an_owner_or_without_a_creation_time_is_not_judged_by_age()
    {
        var warmBuilder = new Dictionary<string, string> { [ContainerLabels.Managed] = "true" };
        var undated = new Dictionary<string, string> { [ContainerLabels.HostProcess] = "builder-1:17" };

        LeftoverContainerReaper.IsLeftover(warmBuilder, Now, Observer, NothingRuns).ShouldBeFalse();
        LeftoverContainerReaper.IsLeftover(undated, Now, Observer, NothingRuns).ShouldBeFalse();
    }
}
