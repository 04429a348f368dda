namespace MiniContainer.Go.Builders;

/// <summary>
/// The builder container's network, from GOPROXY: none when Go may not fetch (<c>off</c>); the
/// host's when a proxy in the list listens on loopback, since a container's own 127.0.0.1 is not
/// this machine's; the host's too when go fetches private modules straight from a loopback host (a
/// GONOPROXY or GOPRIVATE pattern's, or a git host of the --go-git-token); otherwise the engine's default.
/// </summary>
internal static class BuilderNetwork
{
    public static string? For(IReadOnlyDictionary<string, string> environment, GoGitCredential? git = null)
    {
        var direct = GoPrivatePatterns.Hosts(environment.GetValueOrDefault("GONOPROXY") ?? environment.GetValueOrDefault("GOPRIVATE"));
        var directFromLoopback = direct.Concat(git?.Hosts.Select(h => h.Host) ?? []).Any(host => Uri.TryCreate($"https://{host}", UriKind.Absolute, out var url) && url.IsLoopback);
        if (!environment.TryGetValue("GOPROXY", out var proxy) || string.IsNullOrWhiteSpace(proxy)) return directFromLoopback ? "host" : null;
        var entries = proxy.Split([',', '|'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (entries is ["off"]) return "none";
        return directFromLoopback || entries.Any(IsLoopbackProxy) ? "host" : null;
    }

    private static bool IsLoopbackProxy(string entry) =>
        Uri.TryCreate(entry, UriKind.Absolute, out var url) && url.Scheme is "http" or "https" && url.IsLoopback;
}
