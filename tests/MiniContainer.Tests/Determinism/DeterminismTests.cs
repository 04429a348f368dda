namespace MiniContainer.Tests.Determinism;

/// <summary>The same inputs give the same bytes in two processes, each on its own fresh copy of the files.</summary>
public sealed class DeterminismTests
{
    public static TheoryData<string> Cases => new(DeterminismCases.All.Keys);

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_same_inputs_give_the_same_bytes_in_two_processes_from_two_copies(string name)
    {
        var first = FreshProcess.Output(name);
        var second = FreshProcess.Output(name);

        first.Length.ShouldBeGreaterThan(0);
        second.ShouldBe(first);
        DeterminismCases.All[name]().ShouldBe(first, "and in this process too");
    }
}
