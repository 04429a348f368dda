namespace MiniContainer.Elf;

/// <summary>A binary's embedded Go build info, as <c>go version -m</c> prints it.</summary>
public sealed record GoBuildInfo(
    string GoVersion,
    string? Path,
    GoModule? Main,
    IReadOnlyList<GoModule> Dependencies,
    IReadOnlyList<GoBuildSetting> Settings)
{
    /// <summary>The value of a build setting (CGO_ENABLED, GOARCH, -ldflags, vcs.revision...), or null.</summary>
    public string? Setting(string key) => Settings.LastOrDefault(s => s.Key == key)?.Value;
}

public sealed record GoModule(string Path, string Version, string? Sum, GoModule? Replacement = null);

public sealed record GoBuildSetting(string Key, string Value);
