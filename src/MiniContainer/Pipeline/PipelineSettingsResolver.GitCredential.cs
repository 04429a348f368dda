using MiniContainer.Go;

namespace MiniContainer.Pipeline;

public static partial class PipelineSettingsResolver
{
    /// <summary>
    /// --go-git-token (never from the command line, never in a message) and the hosts it is for: --go-git-host, else the host of
    /// each GOPRIVATE pattern. A token with no host to scope it to is an error, as are hosts with no token.
    /// </summary>
    private static GoGitCredential? GitCredentialOf(Values values, PipelineScript script,
        IReadOnlyDictionary<string, string> builderEnvironment, Func<string, string?> environment)
    {
        var tokenArgument = PipelineArguments.GoGitToken;
        var hostArgument = PipelineArguments.GoGitHost;
        var fromEnvironment = values.Get(tokenArgument)?.Value;
        var token = fromEnvironment ?? (string.IsNullOrEmpty(script.GoGitToken) ? null : script.GoGitToken);
        var where = fromEnvironment is not null ? tokenArgument.EnvironmentVariable : $"{script.Describe}.GoGitToken";
        var hosts = values.GetList(hostArgument) ?? GivenList(hostArgument, script.GoGitHosts, script.Describe);

        if (token is null)
            return hosts is null ? null : throw new PipelineArgumentException(hostArgument,
                $"{hosts[0].Where} names git hosts for a token, but no token is set: set {tokenArgument.EnvironmentVariable} (from a CI secret) " +
                $"or {script.Describe}.GoGitToken, or drop {hostArgument.CommandLine}.");
        if (token.Any(c => c is '\n' or '\r' or '\0'))
            throw new PipelineArgumentException(tokenArgument, $"{where} holds a line break or a NUL, which git's credential protocol cannot carry: set it to the token alone.");

        if (hosts is not null)
            return new GoGitCredential(token, hosts.Select(GitHost).Distinct().ToList());
        var goPrivate = builderEnvironment.GetValueOrDefault("GOPRIVATE") ?? environment("GOPRIVATE");
        var fromGoPrivate = GoPrivatePatterns.Hosts(goPrivate).Select(host => new GitCredentialHost(host, GitCredentialHost.DefaultUser)).ToList();
        if (fromGoPrivate.Count > 0) return new GoGitCredential(token, fromGoPrivate);
        throw new PipelineArgumentException(hostArgument,
            $"A git token is set ({where}), but there is no git host to send it to: " +
            (string.IsNullOrWhiteSpace(goPrivate) ? "GOPRIVATE is not set" : $"GOPRIVATE={goPrivate} names no host without a wildcard") +
            $". Give {hostArgument.CommandLine}=<host>[:port] (or {hostArgument.EnvironmentVariable}) for the git server of the private modules, or set GOPRIVATE to their path prefix (git.corp.example/*).");
    }

    private static GitCredentialHost GitHost(Setting value)
    {
        var text = value.Value;
        if (text.Contains("://", StringComparison.Ordinal))
            throw Wrong(value, "is a URL; give the host alone, [user@]host[:port] (git.corp.example, or ci-bot@git.corp.example:8443).");
        var at = text.LastIndexOf('@');
        var (user, hostPort) = at < 0 ? (GitCredentialHost.DefaultUser, text) : (text[..at], text[(at + 1)..]);
        if (!GitUserName().IsMatch(user))
            throw Wrong(value, "has a user name git cannot send as given (letters, digits and . _ ~ + - only); give [user@]host[:port].");
        var colon = hostPort.LastIndexOf(':');
        var (host, port) = colon < 0 ? (hostPort, null) : (hostPort[..colon], hostPort[(colon + 1)..]);
        if (!GoPrivatePatterns.HostName().IsMatch(host) || (port is not null && !(int.TryParse(port, out var number) && number is > 0 and <= 65535 && port[0] != '0')))
            throw Wrong(value, "is not [user@]host[:port] (git.corp.example, or ci-bot@git.corp.example:8443).");
        return new GitCredentialHost(port is null ? host.ToLowerInvariant() : $"{host.ToLowerInvariant()}:{port}", user);
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^[A-Za-z0-9._~+-]+$")]
    private static partial System.Text.RegularExpressions.Regex GitUserName();
}
