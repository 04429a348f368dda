namespace MiniContainer.Pipeline;

/// <summary>
/// What a build is given that no setting reads, so a misspelt or unsupported setting is not ignored without a
/// word: a <c>MINICONTAINER_*</c> variable that is no setting, and an argument a typo away from a setting's name
/// (<c>--regsitry</c>). Arguments far from every name stay free for the build script's own use.
/// </summary>
public static class ArgumentSpelling
{
    /// <summary>MINICONTAINER_ variables the core reads that are not pipeline settings.</summary>
    private static readonly HashSet<string> OtherVariables = new(StringComparer.Ordinal) { "MINICONTAINER_BLOB_CACHE" };

    /// <param name="arguments">The names of the arguments given (without dashes), as the host received them.</param>
    /// <param name="variables">The names of the environment variables set.</param>
    /// <returns>One warning per name, each saying what it is taken for and what to write instead.</returns>
    public static IReadOnlyList<string> Warnings(IEnumerable<string> arguments, IEnumerable<string> variables)
    {
        var warnings = new List<string>();
        var names = PipelineArguments.All.Select(a => a.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var given in arguments.Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal))
        {
            if (names.Contains(given) || Closest(given, a => a.Name) is not { } near) continue;
            warnings.Add($"--{given} is not a MiniContainer setting and nothing reads it; did you mean {near.CommandLine}?");
        }
        var known = PipelineArguments.All.Select(a => a.EnvironmentVariable).ToHashSet(StringComparer.Ordinal);
        foreach (var variable in variables.Where(v => v.StartsWith("MINICONTAINER_", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            if (known.Contains(variable) || OtherVariables.Contains(variable)) continue;
            var near = Closest(variable, a => a.EnvironmentVariable);
            warnings.Add($"{variable} is not a MiniContainer setting and nothing reads it{(near is null ? "; the settings are listed in the README's argument table" : $"; did you mean {near.EnvironmentVariable}?")}");
        }
        return warnings;
    }

    /// <summary>The setting whose name is within two edits (a swap counts as one) of the given one; null when none is, or the name is too short to tell.</summary>
    private static PipelineArgument? Closest(string given, Func<PipelineArgument, string> nameOf)
    {
        if (given.Length < 4) return null;
        var scored = PipelineArguments.All
            .Select(a => (Argument: a, Distance: Distance(given.ToLowerInvariant(), nameOf(a).ToLowerInvariant())))
            .Where(s => s.Distance <= 2)
            .OrderBy(s => s.Distance)
            .ToList();
        return scored.Count > 0 ? scored[0].Argument : null;
    }

    /// <summary>Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps.</summary>
    public static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++) d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
            }
        }
        return d[a.Length, b.Length];
    }
}
