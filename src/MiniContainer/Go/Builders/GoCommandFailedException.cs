using MiniContainer.Docker;

namespace MiniContainer.Go.Builders;

/// <summary>A go command failed in the builder: carries its exit code and its own output lines, and what to set when git lacked credentials.</summary>
public sealed class GoCommandFailedException(string command, ContainerExit exit, GoGitCredential? git = null)
    : MiniContainerException(Describe(command, exit, git))
{
    private const int ShownLines = 60;

    public long ExitCode { get; } = exit.ExitCode;

    public IReadOnlyList<string> OutputLines { get; } = exit.Output.Select(l => l.Text).ToList();

    private static string Describe(string command, ContainerExit exit, GoGitCredential? git)
    {
        // go mod download -x narrates every fetch on stderr; what matters are the lines that are not "# get".
        var lines = exit.Output.Select(l => l.Text).Where(l => !l.StartsWith("# get ", StringComparison.Ordinal)).ToList();
        var shown = lines.Skip(Math.Max(0, lines.Count - ShownLines));
        var advice = GitAuthenticationAdvice.For(exit.Output.Select(l => l.Text).ToList(), git) ?? "Fix the errors above and build again.";
        return $"{command} failed with exit code {exit.ExitCode}:\n{string.Join('\n', shown)}\n{advice}";
    }
}
