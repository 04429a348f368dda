namespace MiniContainer.Go;

/// <summary>A go command to run: its argv and the environment it needs, both exact.</summary>
public sealed record GoInvocation(IReadOnlyList<string> Argv, IReadOnlyDictionary<string, string> Environment)
{
    /// <summary>
    /// The host's .netrc with the credentials of private modules, a secret: each builder hands it to go through NETRC
    /// only for this command (see <see cref="Builders.BuilderNetrc"/>), never in the environment shown here.
    /// </summary>
    public string? NetrcFile { get; init; }

    /// <summary>
    /// The token git sends to private modules' hosts, a secret: each builder hands it to git through a credential helper
    /// that reads a file made for this command only (see <see cref="Builders.BuilderGitCredential"/>), never an environment variable.
    /// </summary>
    public GoGitCredential? GitCredential { get; init; }

    /// <summary>The environment as KEY=value lines, sorted, as a container takes it.</summary>
    public IReadOnlyList<string> EnvironmentLines =>
        Environment.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => $"{e.Key}={e.Value}").ToList();

    /// <summary>The command as a person would type it, for logs.</summary>
    public override string ToString() => string.Join(' ', Argv.Select(ShellQuote));

    private static string ShellQuote(string arg) =>
        arg.Length > 0 && arg.All(c => char.IsLetterOrDigit(c) || "-_./=:,@+%".Contains(c)) ? arg : "'" + arg.Replace("'", "'\\''") + "'";
}
