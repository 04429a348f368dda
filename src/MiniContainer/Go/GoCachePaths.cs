namespace MiniContainer.Go;

/// <summary>Where the builder keeps Go's module cache and build cache (paths inside the builder).</summary>
public sealed record GoCachePaths(string ModuleCache, string BuildCache)
{
    public static GoCachePaths InContainer { get; } = new("/minicontainer/gomodcache", "/minicontainer/gocache");
}
