namespace MiniContainer.IntegrationTests.Fixtures;

/// <summary>
/// Tests that drive the engine hard (compiles, image builds) run one at a time: the machine has two
/// cores, and serial runs keep the leftover-container checks exact.
/// </summary>
[CollectionDefinition(Name)]
public sealed class EngineCollection
{
    public const string Name = "engine";
}
