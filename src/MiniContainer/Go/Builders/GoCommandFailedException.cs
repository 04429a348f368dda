using MiniContainer.Docker;

namespace MiniContainer.Go.Builders;

/// <summary>A go command failed in the builder: carries its exit code and its own output lines.</summary>
public sealed class GoCommandFailedException(string command, ContainerExit exit)
    : MiniContainerException(Describe(command, exit))
{
    private const int ShownLines = 60;

    public long ExitCode { get; } = exit.ExitCode;

    public IReadOnlyList<string> OutputLines { get; } = exit.Output.Select(l => l.Text).ToList();

    private static string Describe(string command, ContainerExit exit)
    {
        // go mod download -x narrates every fetch on stderr; what matters are the lines that are not "# get".
        var lines = exit.Output.Select(l => l.Text).Where(l => !l.StartsWith("# get ", StringComparison.Ordinal)).ToList();
        var shown = lines.Skip(Math.Max(0, lines.Count - ShownLines));
        return $"{command} failed with exit code {exit.ExitCode}:\n{string.Join('\n', shown)}\nFix the errors above and build again.";
    }
}
