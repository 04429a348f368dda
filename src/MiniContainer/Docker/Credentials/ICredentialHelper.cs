namespace MiniContainer.Docker.Credentials;

/// <summary>
/// The <c>docker-credential-&lt;name&gt; get</c> protocol: the seam between config.json resolution
/// (pure) and running a helper program.
/// </summary>
public interface ICredentialHelper
{
    /// <summary>Returns the helper's credentials for <paramref name="serverAddress"/>, or null when it has none.</summary>
    /// <exception cref="RegistryCredentialsException">The helper is missing or failed.</exception>
    Task<RegistryCredentials?> GetAsync(string helperName, string serverAddress, CancellationToken cancellationToken);
}
