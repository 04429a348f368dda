namespace MiniContainer.Tests;

public sealed class BothTasksTests
{
    [Fact]
    public async Task Both_results_come_back_in_order()
    {
        var (first, second) = await BothTasks.AwaitAsync(Task.FromResult(1), Task.FromResult("two"));

        first.ShouldBe(1);
        second.ShouldBe("two");
    }

    [Fact]
    public async Task When_both_fail_the_first_ones_error_is_thrown_after_the_second_ended()
    {
        var second = Task.Run<int>(async () =>
        {
            await Task.Delay(50);
            throw new InvalidOperationException("second");
        });

        var error = await Should.ThrowAsync<ArgumentException>(() => BothTasks.AwaitAsync(Task.FromException<int>(new ArgumentException("first")), second));

        error.Message.ShouldBe("first");
        second.IsCompleted.ShouldBeTrue();
    }

    [Fact]
    public async Task The_second_ones_error_is_thrown_when_the_first_succeeds()
    {
        await Should.ThrowAsync<InvalidOperationException>(() => BothTasks.AwaitAsync(Task.FromResult(1), Task.FromException<int>(new InvalidOperationException("second"))));
    }
}
