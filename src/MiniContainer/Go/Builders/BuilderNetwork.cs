namespace MiniContainer.Go.Builders;

/// <summary>
/// The builder container's network, from GOPROXY: none when Go may not fetch (<c>off</c>); the
/// host's when a proxy in the list listens on loopback, since a container's own 127.0.0.1 is not
/// this machine's; otherwise the engine's default.
/// </summary>
internal static class BuilderNetwork
{
    public static string? For(IReadOnlyDictionary<string, string> environment)
    {
        if (!environment.TryGetValue("GOPROXY", out var proxy) || string.IsNullOrWhiteSpace(proxy)) return null;
        var entries = proxy.Split([',', '|'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (entries is ["off"]) return "none";
        return entries.Any(IsLoopbackProxy) ? "host" : null;
    }

    private static bool IsLoopbackProxy(string entry) =>
        Uri.TryCreate(entry, UriKind.Absolute, out var url) && url.Scheme is "http" or "https" && url.IsLoopback;
}
