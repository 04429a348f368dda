using MiniContainer.Docker.Credentials;

namespace MiniContainer.Registry;

/// <summary>
/// How registry clients connect: the hosts the user named insecure (plain HTTP allowed beyond loopback),
/// and how long an exchange may go without a byte before it ends with an error naming the endpoint.
/// </summary>
public sealed record RegistryTransport
{
    public const string InsecureRegistryVariable = "MINICONTAINER_INSECURE_REGISTRY";

    /// <summary>host[:port] entries spoken to over plain HTTP although they are not loopback (--insecure-registry).</summary>
    public IReadOnlyList<string> InsecureRegistries { get; init; } = [];

    public TimeSpan InactivityTimeout { get; init; } = MiniContainer.InactivityTimeout.Default;

    public bool IsInsecure(string registry) => InsecureRegistries.Any(r => RegistryHost.Normalize(r) == RegistryHost.Normalize(registry));

    /// <summary>The distribution API client for <paramref name="registry"/>, bound by this transport.</summary>
    /// <exception cref="PlainHttpRefusedException">Plain HTTP asked for a registry that is neither loopback nor named insecure.</exception>
    internal DistributionApiClient Open(string registry, bool? plainHttp, RegistryCredentials? credentials) =>
        new(RegistryAddress.For(registry, plainHttp, this), credentials, handler: null, InactivityTimeout);
}
