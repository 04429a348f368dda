using MiniContainer.Docker;

namespace MiniContainer.Tests.Docker;

/// <summary>The warning a build leaves when it cannot remove its container: one clause that says why, then what to run.</summary>
public sealed class ContainerRemovalMessageTests
{
    [Fact]
    public void A_removal_cut_off_by_its_bound_says_the_engine_did_not_answer_within_it()
    {
        RunningContainer.WhyNotRemoved(new TaskCanceledException(), TimeSpan.FromSeconds(4))
            .ShouldBe("the Docker Engine did not answer within 4 s");
        RunningContainer.WhyNotRemoved(new OperationCanceledException(), TimeSpan.FromSeconds(2.5))
            .ShouldBe("the Docker Engine did not answer within 2.5 s");
    }

    [Fact]
    public void Another_failure_keeps_its_own_words_without_a_second_full_stop()
    {
        RunningContainer.WhyNotRemoved(new IOException("Connection reset by peer. "), TimeSpan.FromSeconds(30))
            .ShouldBe("Connection reset by peer");
    }
}
