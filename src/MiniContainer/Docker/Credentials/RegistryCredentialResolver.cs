namespace MiniContainer.Docker.Credentials;

/// <summary>
/// Finds the credentials for a registry as the docker CLI does: the registry's credHelper, then the
/// credsStore, then the inline auths; null means push anonymously.
/// </summary>
public sealed class RegistryCredentialResolver(ICredentialHelper helper)
{
    public RegistryCredentialResolver() : this(new CredentialHelperProcess()) { }

    /// <exception cref="RegistryCredentialsException">A helper failed or the config is broken.</exception>
    public async Task<RegistryCredentials?> ResolveAsync(DockerConfigFile? config, string registry, CancellationToken cancellationToken)
    {
        if (config is null) return null;
        var host = RegistryHost.Normalize(registry);
        var serverAddress = RegistryHost.ServerAddress(registry);

        if (config.CredHelpers.TryGetValue(host, out var registryHelper))
            return await helper.GetAsync(registryHelper, serverAddress, cancellationToken).ConfigureAwait(false);

        if (config.CredsStore is { } store &&
            await helper.GetAsync(store, serverAddress, cancellationToken).ConfigureAwait(false) is { } stored)
            return stored;

        return config.Auths.GetValueOrDefault(host);
    }

    /// <summary>
    /// The login's credentials when it is for <paramref name="registry"/>; every other host gets what
    /// config.json and its credential helpers hold for that host, or nothing.
    /// </summary>
    public async Task<RegistryCredentials?> ResolveAsync(RegistryLogin? login, string? configPath, string registry, CancellationToken cancellationToken)
    {
        if (login is not null && login.IsFor(registry)) return login.Credentials;
        var config = await DockerConfigFile.ReadAsync(configPath ?? DockerConfigFile.DefaultPath(), cancellationToken).ConfigureAwait(false);
        return await ResolveAsync(config, registry, cancellationToken).ConfigureAwait(false);
    }
}
