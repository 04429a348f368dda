namespace MiniContainer.Docker.Credentials;

/// <summary>
/// Credentials given for one registry (arguments, settings, MINICONTAINER_REGISTRY_*), as `docker login host`
/// binds them: they go to that host only, never to a base image's registry or a token service elsewhere.
/// </summary>
public sealed record RegistryLogin(string Registry, RegistryCredentials Credentials)
{
    /// <summary>The variable that names the registry MINICONTAINER_REGISTRY_USERNAME/_PASSWORD are for (--registry).</summary>
    public const string RegistryVariable = "MINICONTAINER_REGISTRY";

    public bool IsFor(string registry) => RegistryHost.Normalize(Registry) == RegistryHost.Normalize(registry);

    /// <summary>
    /// MINICONTAINER_REGISTRY_USERNAME/_PASSWORD, for the host MINICONTAINER_REGISTRY names, else for
    /// <paramref name="publishRegistry"/> (the push's own target); null when either is missing.
    /// </summary>
    public static RegistryLogin? FromEnvironment(string? publishRegistry, Func<string, string?>? getVariable = null)
    {
        getVariable ??= Environment.GetEnvironmentVariable;
        var registry = getVariable(RegistryVariable) is { Length: > 0 } named ? named : publishRegistry;
        return registry is null || RegistryCredentials.FromEnvironment(getVariable) is not { } credentials ? null : new RegistryLogin(registry, credentials);
    }

    public override string ToString() => $"{Credentials} for {Registry}";
}
