using MiniContainer.Docker.Credentials;
using MiniContainer.Images;
using MiniContainer.Oci;
using MiniContainer.Publish;

namespace MiniContainer.Registry;

/// <summary>
/// What every distribution-API push shares: the tags (validated before anything is sent), the
/// credentials from the engine path's sources, a client for the registry, and the saved digest.
/// </summary>
internal sealed class DistributionPushSession : IDisposable
{
    private DistributionPushSession(ImageReference target, IReadOnlyList<string> tags, RegistryCredentials? credentials, IRegistryApi api)
    {
        Target = target;
        Tags = tags;
        Credentials = credentials;
        Api = api;
    }

    public ImageReference Target { get; }

    public IReadOnlyList<string> Tags { get; }

    public RegistryCredentials? Credentials { get; }

    public IRegistryApi Api { get; }

    public string Repository => RegistryAddress.RepositoryPath(Target);

    /// <summary>For logs: every reference pushed, and whose credentials (never the secret).</summary>
    public string Describe() =>
        $"{string.Join(", ", Tags.Select(t => Target.WithTag(t).ToString()))} with {Credentials?.ToString() ?? "no credentials (anonymous)"}";

    /// <summary>The request's tag and the additional ones, each checked to be a valid tag.</summary>
    public static IReadOnlyList<string> TagsOf(PublishRequest publish, IEnumerable<string> additionalTags)
    {
        var tags = new[] { publish.Tag }.Concat(additionalTags).Distinct(StringComparer.Ordinal).ToList();
        foreach (var tag in tags) publish.Target.WithTag(tag);
        return tags;
    }

    public static async Task<DistributionPushSession> OpenAsync(PublishRequest publish, IReadOnlyList<string> tags, bool? plainHttp,
        RegistryCredentialResolver resolver, Func<string, RegistryCredentials?, IRegistryApi>? registryFactory, CancellationToken cancellationToken)
    {
        var target = publish.Target;
        var credentials = await resolver.ResolveAsync(publish.Login, publish.DockerConfigFile, target.RegistryHost, cancellationToken).ConfigureAwait(false);
        var api = registryFactory?.Invoke(target.RegistryHost, credentials) ?? publish.Transport.Open(target.RegistryHost, plainHttp, credentials);
        return new DistributionPushSession(target, tags, credentials, api);
    }

    public static async Task SaveDigestAsync(string file, OciDigest digest, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(file))!);
        await File.WriteAllTextAsync(file, digest + "\n", cancellationToken).ConfigureAwait(false);
    }

    public void Dispose() => (Api as IDisposable)?.Dispose();
}
