namespace MiniContainer.Docker.Credentials;

/// <summary>
/// A user name and secret (password or identity token) for a registry. ToString never shows the
/// secret, so logging one by mistake leaks nothing.
/// </summary>
public sealed class RegistryCredentials
{
    public const string UsernameVariable = "MINICONTAINER_REGISTRY_USERNAME";
    public const string PasswordVariable = "MINICONTAINER_REGISTRY_PASSWORD";

    /// <summary>The user name cred helpers give when the secret is an identity (refresh) token.</summary>
    public const string IdentityTokenUser = "<token>";

    public RegistryCredentials(string username, string password)
    {
        Username = username;
        Password = password;
    }

    private RegistryCredentials(string identityToken)
    {
        Username = "";
        Password = "";
        IdentityToken = identityToken;
    }

    public string Username { get; }

    public string Password { get; }

    public string? IdentityToken { get; }

    /// <summary>Where they came from, for logs: "arguments", "environment", "credHelpers (pass)", …</summary>
    public string Origin { get; private init; } = "arguments";

    public static RegistryCredentials FromIdentityToken(string token) => new(token);

    public RegistryCredentials From(string origin) =>
        IdentityToken is null ? new RegistryCredentials(Username, Password) { Origin = origin } : new RegistryCredentials(IdentityToken) { Origin = origin };

    /// <summary>MINICONTAINER_REGISTRY_USERNAME and _PASSWORD, when both are set.</summary>
    public static RegistryCredentials? FromEnvironment(Func<string, string?>? getVariable = null)
    {
        getVariable ??= Environment.GetEnvironmentVariable;
        var user = getVariable(UsernameVariable);
        var password = getVariable(PasswordVariable);
        return string.IsNullOrEmpty(user) || string.IsNullOrEmpty(password) ? null : new RegistryCredentials(user, password).From("environment");
    }

    /// <summary>Every secret string, so error texts can be scrubbed of them.</summary>
    public IEnumerable<string> Secrets => new[] { Password, IdentityToken }.Where(s => !string.IsNullOrEmpty(s))!;

    public override string ToString() =>
        IdentityToken is null ? $"user '{Username}' (password hidden) from {Origin}" : $"identity token (hidden) from {Origin}";
}
