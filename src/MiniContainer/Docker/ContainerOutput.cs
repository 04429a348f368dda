namespace MiniContainer.Docker;

/// <summary>One line a container printed, and whether it came on stderr.</summary>
public sealed record ContainerOutputLine(string Text, bool IsError)
{
    public override string ToString() => Text;
}

/// <summary>How a run-to-completion container ended: its exit code and the last lines it printed.</summary>
public sealed record ContainerExit(long ExitCode, IReadOnlyList<ContainerOutputLine> Output)
{
    public bool Succeeded => ExitCode == 0;

    public string OutputText => string.Join('\n', Output.Select(l => l.Text));
}
