using System.Diagnostics;
using MiniContainer.Docker;

namespace MiniContainer.Tests.Docker;

public sealed class EngineStallGuardTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromMilliseconds(200);

    [Fact]
    public async Task Silence_while_the_engine_does_not_answer_cancels_the_call_and_says_it_stalled()
    {
        using var guard = new EngineStallGuard(() => Task.FromResult(false), Limit, CancellationToken.None);
        var clock = Stopwatch.StartNew();

        await Should.ThrowAsync<OperationCanceledException>(() => Task.Delay(TimeSpan.FromSeconds(30), guard.Token));

        guard.Stalled.ShouldBeTrue();
        clock.Elapsed.ShouldBeGreaterThanOrEqualTo(Limit - TimeSpan.FromMilliseconds(20));
        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Silence_in_an_engine_that_answers_its_ping_is_not_a_stall()
    {
        var pings = 0;
        using var guard = new EngineStallGuard(() => Task.FromResult(Interlocked.Increment(ref pings) > 0), Limit, CancellationToken.None);

        // Polled, not a fixed wait: under a loaded test run the watch may be late, never early.
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (Volatile.Read(ref pings) < 3 && DateTime.UtcNow < deadline) await Task.Delay(20);

        pings.ShouldBeGreaterThanOrEqualTo(3, "asked again after each quiet period");
        guard.Token.IsCancellationRequested.ShouldBeFalse();
        guard.Stalled.ShouldBeFalse();
    }

    [Fact]
    public async Task Activity_keeps_the_engine_from_being_asked()
    {
        var pings = 0;
        // A long limit against activity every 50 ms: only a pause of seconds in the test run could let a ping through.
        using var guard = new EngineStallGuard(() => Task.FromResult(Interlocked.Increment(ref pings) < 0), TimeSpan.FromSeconds(3), CancellationToken.None);

        for (var i = 0; i < 20; i++)
        {
            guard.Saw();
            await Task.Delay(50);
        }

        pings.ShouldBe(0);
        guard.Stalled.ShouldBeFalse();
    }

    [Fact]
    public async Task The_callers_cancellation_passes_through_and_is_not_a_stall()
    {
        using var caller = new CancellationTokenSource();
        using var guard = new EngineStallGuard(() => Task.FromResult(false), TimeSpan.FromSeconds(30), caller.Token);

        await caller.CancelAsync();

        guard.Token.IsCancellationRequested.ShouldBeTrue();
        guard.Stalled.ShouldBeFalse();
    }
}
