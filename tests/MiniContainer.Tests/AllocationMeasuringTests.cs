namespace MiniContainer.Tests;

/// <summary>
/// Tests that bound memory by the whole process's allocations (GC.GetTotalAllocatedBytes): xunit runs this collection
/// after the others and alone, since any test allocating beside one counts against its bound (one failed so under load).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AllocationMeasuringTests
{
    public const string Name = "Allocation-measuring tests (run alone)";
}
