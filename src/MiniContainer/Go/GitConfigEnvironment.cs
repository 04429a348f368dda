using System.Globalization;

namespace MiniContainer.Go;

/// <summary>
/// git config given through the environment (GIT_CONFIG_COUNT, GIT_CONFIG_KEY_n, GIT_CONFIG_VALUE_n), as the go command's
/// git reads it: our entries are added after those already there (the user's own, through --builder-env or this machine's
/// environment), so neither replaces the other. Pure.
/// </summary>
public static class GitConfigEnvironment
{
    /// <exception cref="MiniContainerException">GIT_CONFIG_COUNT is set but is not a count.</exception>
    public static Dictionary<string, string> Append(IReadOnlyDictionary<string, string> environment, IEnumerable<KeyValuePair<string, string>> entries)
    {
        var merged = new Dictionary<string, string>(environment, StringComparer.Ordinal);
        var count = 0;
        if (merged.TryGetValue("GIT_CONFIG_COUNT", out var given) && !int.TryParse(given, NumberStyles.None, CultureInfo.InvariantCulture, out count))
            throw new MiniContainerException($"GIT_CONFIG_COUNT is '{given}', not a number of git config entries: fix it in --builder-env or this machine's environment.");
        foreach (var (key, value) in entries)
        {
            merged[$"GIT_CONFIG_KEY_{count}"] = key;
            merged[$"GIT_CONFIG_VALUE_{count}"] = value;
            count++;
        }
        merged["GIT_CONFIG_COUNT"] = count.ToString(CultureInfo.InvariantCulture);
        return merged;
    }
}
