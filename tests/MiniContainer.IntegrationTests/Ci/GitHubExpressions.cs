using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace MiniContainer.IntegrationTests.Ci;

/// <summary>
/// The <c>${{ ... }}</c> expressions the workflow may use, evaluated as the runner does: <c>secrets.NAME</c>, <c>vars.NAME</c>,
/// <c>runner.os</c> and <c>hashFiles(...)</c>. Any other expression, or a secret or variable the test does not provide, fails:
/// the README lists what a repository must set, and the test sets exactly that.
/// </summary>
public sealed partial class GitHubExpressions(IReadOnlyDictionary<string, string> secrets, IReadOnlyDictionary<string, string> vars, string workspace)
{
    public string Expand(string text) => Expression().Replace(text, match => Evaluate(match.Groups[1].Value.Trim()));

    private string Evaluate(string expression)
    {
        if (expression.StartsWith("secrets.", StringComparison.Ordinal))
            return secrets.TryGetValue(expression["secrets.".Length..], out var secret) ? secret : throw Unknown(expression, "a secret the README does not list");
        if (expression.StartsWith("vars.", StringComparison.Ordinal))
            return vars.TryGetValue(expression["vars.".Length..], out var value) ? value : throw Unknown(expression, "a variable the README does not list");
        if (expression == "runner.os") return "Linux";
        if (HashFiles().Match(expression) is { Success: true } hash)
            return HashOf(Quoted().Matches(hash.Groups[1].Value).Select(m => m.Groups[1].Value));
        throw Unknown(expression, "an expression the CI test does not evaluate");
    }

    // As the runner's hashFiles: the SHA-256 of the files' own SHA-256s, in order; empty when no file matches.
    private string HashOf(IEnumerable<string> files)
    {
        var existing = files.Select(f => Path.Combine(workspace, f)).Where(File.Exists).ToList();
        if (existing.Count == 0) return "";
        using var all = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var file in existing) all.AppendData(SHA256.HashData(File.ReadAllBytes(file)));
        return Convert.ToHexStringLower(all.GetHashAndReset());
    }

    private static ShouldAssertException Unknown(string expression, string what) => new($"${{{{ {expression} }}}} in the workflow is {what}");

    [GeneratedRegex(@"\$\{\{(.*?)\}\}")]
    private static partial Regex Expression();

    [GeneratedRegex(@"^hashFiles\((.*)\)$")]
    private static partial Regex HashFiles();

    [GeneratedRegex(@"'([^']*)'")]
    private static partial Regex Quoted();
}
