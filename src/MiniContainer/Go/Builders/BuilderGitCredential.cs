using System.Text;

namespace MiniContainer.Go.Builders;

/// <summary>
/// How git, run by go for a private module, gets the --go-git-token without an environment variable holding it (git's
/// curl reads only $HOME/.netrc, never NETRC): the token is a file made for one go command (copied into the builder
/// like the .netrc, and removed when go ends), and GIT_CONFIG_* entries add, after those the command already has, a
/// credential helper per host, <c>credential.https://host.helper</c>, that prints the user and the file. git matches
/// that key on scheme, host and port, so no other host is ever given the token.
/// </summary>
internal static class BuilderGitCredential
{
    /// <summary>The file: the password line of git's credential protocol.</summary>
    public static byte[] Content(GoGitCredential credential) => Encoding.UTF8.GetBytes($"password={credential.Token}\n");

    /// <summary>The invocation with a helper per host reading <paramref name="file"/>, merged into its GIT_CONFIG_* entries.</summary>
    public static GoInvocation WithHelperReading(GoInvocation invocation, GoGitCredential credential, string file) =>
        invocation with { Environment = WithHelpers(invocation.Environment, credential, file) };

    /// <summary><paramref name="environment"/> with the helpers appended after the GIT_CONFIG_* entries it already has (safe.directory, the user's own).</summary>
    public static Dictionary<string, string> WithHelpers(IReadOnlyDictionary<string, string> environment, GoGitCredential credential, string file) =>
        GitConfigEnvironment.Append(environment, credential.Hosts.Select(host => KeyValuePair.Create($"credential.{host.Url}.helper", Helper(host, file))));

    /// <summary>Where the helpers note the hosts that refused the token (git's erase after a 401): go's output would not say, as its probe's errors are dropped.</summary>
    public static string RefusalsOf(string file) => file + ".refused";

    /// <summary>The line <see cref="RefusalsOf"/> gives for each host that refused the token, for <see cref="GitAuthenticationAdvice"/>.</summary>
    public const string RefusedLine = "minicontainer: the git token was refused by ";

    /// <summary>The shell that prints a <see cref="RefusedLine"/> per refusal noted beside <paramref name="file"/> (to stderr).</summary>
    public static string ReportRefusals(string file) =>
        $"if [ -s {Quote(RefusalsOf(file))} ]; then sed {Quote("s/^/" + RefusedLine + "/")} {Quote(RefusalsOf(file))} >&2; fi";

    // git runs "!..." through the shell with the action (get, store, erase) as $1: get answers, erase notes the refusal, store is ignored.
    private static string Helper(GitCredentialHost host, string file) =>
        $"!f() {{ cat >/dev/null; case \"$1\" in get) echo {Quote("username=" + host.User)}; cat {Quote(file)};; erase) echo {Quote(host.Host)} >> {Quote(RefusalsOf(file))};; esac; }}; f";

    private static string Quote(string text) => "'" + text.Replace("'", "'\\''") + "'";
}
