using MiniContainer.Docker;

namespace MiniContainer.SmokeTest;

/// <summary>A passed smoke test: what was checked, how long it took and what the container printed.</summary>
public sealed record SmokeTestResult(string Image, string Checked, TimeSpan Duration, IReadOnlyList<ContainerOutputLine> Output)
{
    public string OutputText => string.Join('\n', Output.Select(l => l.Text));
}
