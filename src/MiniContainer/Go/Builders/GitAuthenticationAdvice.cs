using System.Text.RegularExpressions;
using MiniContainer.Pipeline;

namespace MiniContainer.Go.Builders;

/// <summary>
/// What to set when git, fetching a private module for go, had no credentials for its server or had the token refused:
/// the token, the host it is scoped to, or the user name. Read from go's output: the refusals our credential helper
/// noted, git's own lines, or go's HTTPS probe (<c>git ls-remote https://…</c>) followed by the other schemes, which
/// go tries only when HTTPS failed and whose errors it drops.
/// </summary>
internal static partial class GitAuthenticationAdvice
{
    private static readonly PipelineArgument TokenArgument = PipelineArguments.GoGitToken;
    private static readonly PipelineArgument HostArgument = PipelineArguments.GoGitHost;

    public static string? For(IReadOnlyList<string> lines, GoGitCredential? git)
    {
        if (lines.FirstOrDefault(l => l.StartsWith(BuilderGitCredential.RefusedLine, StringComparison.Ordinal)) is { } refusal)
            return Refused(refusal[BuilderGitCredential.RefusedLine.Length..].Trim());
        foreach (var line in lines)
            if (GitCredentialFailure().Match(line) is { Success: true } match && Uri.TryCreate(match.Groups["url"].Value, UriKind.Absolute, out var url))
                return match.Groups["refused"].Success && Covers(git, url)
                    ? Refused(url.Authority.ToLowerInvariant())
                    : NoCredentials($"git had no credentials for {url.GetLeftPart(UriPartial.Authority)}", url, git);
        for (var i = 0; i < lines.Count; i++)
            if (HttpsProbe().Match(lines[i]) is { Success: true } probe && Uri.TryCreate(probe.Groups["url"].Value, UriKind.Absolute, out var url)
                && lines.Skip(i + 1).Any(l => l.StartsWith($"git ls-remote git+ssh://{url.Authority}/", StringComparison.OrdinalIgnoreCase)))
                return Covers(git, url)
                    ? $"git could not read {url} with the git token ({TokenArgument.CommandLine}), which the server did not refuse: check that the repository is there, " +
                      "that the builder trusts the server's certificate (the builder image's CA bundle) and that it reaches the server."
                    : NoCredentials($"go could not read {url} over HTTPS (then tried ssh:// and git://, which do not take the token)", url, git);
        return null;
    }

    private static bool Covers(GoGitCredential? git, Uri url) => git is not null && git.Hosts.Any(h => h.Host == url.Authority.ToLowerInvariant());

    private static string Refused(string host) =>
        $"{host} refused the git token ({TokenArgument.EnvironmentVariable} or the build script's GoGitToken): set it to a current token that may read the repository, " +
        $"and give the user name the server expects with {HostArgument.CommandLine}=<user>@{host} if it checks one.";

    private static string NoCredentials(string what, Uri url, GoGitCredential? git)
    {
        var host = url.Authority.ToLowerInvariant();
        return git is null
            ? $"{what}: for a private repository set {TokenArgument.EnvironmentVariable} (from a CI secret) or the build script's GoGitToken " +
              $"to a token that may read it; it is sent to the hosts of GOPRIVATE's patterns, or to those {HostArgument.CommandLine} names ({HostArgument.CommandLine}={host})."
            : $"{what}: the git token ({TokenArgument.CommandLine}) is sent only to {string.Join(", ", git.Hosts.Select(h => h.Host))}; " +
              $"add {host} to {HostArgument.CommandLine} (or {HostArgument.EnvironmentVariable}).";
    }

    // git's words (2.x) when the server answered 401 and no helper had credentials, or the ones it sent were refused.
    [GeneratedRegex(@"(?:could not read Username for|(?<refused>Authentication failed for)) '(?<url>https://[^']+)'")]
    private static partial Regex GitCredentialFailure();

    // go -x's line for its probe of a repository's scheme.
    [GeneratedRegex(@"^git ls-remote (?<url>https://\S+)$")]
    private static partial Regex HttpsProbe();
}
