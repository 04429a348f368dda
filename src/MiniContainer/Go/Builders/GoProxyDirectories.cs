namespace MiniContainer.Go.Builders;

/// <summary>
/// The local folders a GOPROXY list names with file:// URLs. The builder needs them at the same
/// paths, bound or copied in, or Go inside the container would not find them.
/// </summary>
public static class GoProxyDirectories
{
    public static IReadOnlyList<string> In(IReadOnlyDictionary<string, string> environment)
    {
        if (!environment.TryGetValue("GOPROXY", out var proxy) || string.IsNullOrWhiteSpace(proxy)) return [];
        return proxy.Split([',', '|'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(entry => entry.StartsWith("file://", StringComparison.OrdinalIgnoreCase))
            .Select(entry => new Uri(entry).LocalPath)
            .Distinct(StringComparer.Ordinal)
            .ToList();
    }
}
