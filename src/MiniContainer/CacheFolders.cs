namespace MiniContainer;

/// <summary>Where MiniContainer keeps what outlives a build on this machine: $XDG_CACHE_HOME/minicontainer, else ~/.cache/minicontainer.</summary>
public static class CacheFolders
{
    public static string Root
    {
        get
        {
            var cache = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
            if (string.IsNullOrEmpty(cache)) cache = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
            return Path.Combine(cache, "minicontainer");
        }
    }

    /// <summary>A named folder under <see cref="Root"/> (not created).</summary>
    public static string For(string name) => Path.Combine(Root, name);
}
