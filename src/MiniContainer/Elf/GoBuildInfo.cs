namespace MiniContainer.Elf;

/// <summary>A binary's embedded Go build info, as <c>go version -m</c> prints it.</summary>
public sealed record GoBuildInfo(
    string GoVersion,
    string? Path,
    GoModuleVersion? Main,
    IReadOnlyList<GoModuleVersion> Dependencies,
    IReadOnlyList<GoBuildSetting> Settings)
{
    /// <summary>The value of a build setting (CGO_ENABLED, GOARCH, -ldflags, vcs.revision...), or null.</summary>
    public string? Setting(string key) => Settings.LastOrDefault(s => s.Key == key)?.Value;
}

public sealed record GoModuleVersion(string Path, string Version, string? Sum, GoModuleVersion? Replacement = null);

public sealed record GoBuildSetting(string Key, string Value);
