namespace MiniContainer.Go;

/// <summary>
/// A token for git over HTTPS (--go-git-token), a secret, and the hosts git may send it to: git asks a credential
/// helper scoped to each host's URL, so a request to any other host (a redirect, another module) gets nothing.
/// </summary>
public sealed record GoGitCredential(string Token, IReadOnlyList<GitCredentialHost> Hosts)
{
    /// <summary>Without the token: records print every member.</summary>
    public override string ToString() => $"git token *** for {string.Join(", ", Hosts)}";

    public bool Equals(GoGitCredential? other) => other is not null && Token == other.Token && Hosts.SequenceEqual(other.Hosts);

    public override int GetHashCode() => HashCode.Combine(Token, Hosts.Count);
}

/// <summary>A git host the token is for: <c>host[:port]</c> (no port: 443, as git matches it) and the user name sent with the token.</summary>
public sealed record GitCredentialHost(string Host, string User)
{
    /// <summary>Most servers take any user name with a token; this is the one GitHub-style servers document for tokens.</summary>
    public const string DefaultUser = "x-access-token";

    /// <summary>The URL git's <c>credential.&lt;url&gt;.*</c> keys match: scheme, host and port exactly.</summary>
    public string Url => $"https://{Host}";

    public override string ToString() => User == DefaultUser ? Host : $"{User}@{Host}";
}
