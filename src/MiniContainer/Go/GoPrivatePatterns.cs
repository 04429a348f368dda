using System.Text.RegularExpressions;

namespace MiniContainer.Go;

/// <summary>The hosts GOPRIVATE-style patterns (GOPRIVATE, GONOPROXY) name: comma-separated module path prefixes or globs.</summary>
public static partial class GoPrivatePatterns
{
    /// <summary>The first element of each pattern that is a plain host name, lower-cased (a glob's host could match any host).</summary>
    public static IReadOnlyList<string> Hosts(string? patterns) =>
        (patterns ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(pattern => pattern.Split('/')[0].ToLowerInvariant())
            .Where(host => HostName().IsMatch(host))
            .Distinct(StringComparer.Ordinal)
            .ToList();

    /// <summary>A host name or IPv4 address as git and go spell it: letters, digits, '.' and '-'.</summary>
    [GeneratedRegex(@"^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$")]
    public static partial Regex HostName();
}
