using System.Text;
using System.Text.RegularExpressions;

namespace MiniContainer.Pipeline.Templates;

/// <summary>
/// A value with version placeholders, as GoReleaser and ko stamp builds: <c>{Version}</c> (<c>git describe --tags --always --dirty</c>),
/// <c>{Commit}</c>, <c>{ShortCommit}</c>, <c>{CommitDate}</c> (RFC 3339 UTC, SOURCE_DATE_EPOCH else the commit time), <c>{Branch}</c>
/// and <c>{Env:NAME}</c>. <c>{{</c> and <c>}}</c> are literal braces. Pure: parsing checks every placeholder, rendering reads only the values given.
/// </summary>
public sealed partial class VersionTemplate
{
    public const string Version = "Version", Commit = "Commit", ShortCommit = "ShortCommit", CommitDate = "CommitDate", Branch = "Branch", EnvPrefix = "Env:";

    /// <summary>The placeholders, as messages list them.</summary>
    public static IReadOnlyList<string> Known { get; } = [Version, Commit, ShortCommit, CommitDate, Branch, EnvPrefix + "NAME"];

    private static readonly string[] FromGit = [Version, Commit, ShortCommit, CommitDate, Branch];

    // A literal, or a placeholder's name (its Env: prefix kept).
    private readonly record struct Part(string Text, bool IsPlaceholder);

    private readonly IReadOnlyList<Part> _parts;

    private VersionTemplate(string text, IReadOnlyList<Part> parts)
    {
        Text = text;
        _parts = parts;
    }

    public string Text { get; }

    /// <summary>Whether rendering reads anything at all (else the text is the value).</summary>
    public bool HasPlaceholders => _parts.Any(p => p.IsPlaceholder);

    /// <exception cref="VersionTemplateException">A placeholder nobody knows, or a brace that is not closed.</exception>
    public static VersionTemplate Parse(string text)
    {
        var parts = new List<Part>();
        var literal = new StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if ((c is '{' or '}') && i + 1 < text.Length && text[i + 1] == c)
            {
                literal.Append(c);
                i++;
                continue;
            }
            if (c != '{')
            {
                literal.Append(c);
                continue;
            }
            var close = text.IndexOf('}', i + 1);
            if (close < 0)
                throw new VersionTemplateException("has a '{' that is not closed: placeholders are written {Version}, and {{ is a literal brace.");
            var name = text[(i + 1)..close];
            CheckName(name);
            if (literal.Length > 0) parts.Add(new Part(literal.ToString(), false));
            literal.Clear();
            parts.Add(new Part(name, true));
            i = close;
        }
        if (literal.Length > 0) parts.Add(new Part(literal.ToString(), false));
        return new VersionTemplate(text, parts);
    }

    /// <exception cref="VersionTemplateException">A placeholder has no value here (outside a git checkout, a detached HEAD, an unset variable).</exception>
    public string Render(TemplateValues values)
    {
        var text = new StringBuilder();
        foreach (var part in _parts)
            text.Append(part.IsPlaceholder ? values.ValueOf(part.Text) : part.Text);
        return text.ToString();
    }

    private static void CheckName(string name)
    {
        if (FromGit.Contains(name, StringComparer.Ordinal)) return;
        if (name.StartsWith(EnvPrefix, StringComparison.Ordinal))
        {
            if (EnvironmentName().IsMatch(name[EnvPrefix.Length..])) return;
            throw new VersionTemplateException($"names the placeholder {{{name}}}, but '{name[EnvPrefix.Length..]}' is not an environment variable's name: write {{Env:NAME}} with letters, digits and '_'.");
        }
        var near = Known.FirstOrDefault(k => string.Equals(k, name, StringComparison.OrdinalIgnoreCase));
        throw new VersionTemplateException($"names the placeholder {{{name}}}, which is not known{(near is null ? "" : $" (did you mean {{{near}}}?)")}: " +
            $"use {string.Join(", ", Known.Select(k => $"{{{k}}}"))}, and {{{{ for a literal brace.");
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    internal static partial Regex EnvironmentName();
}
