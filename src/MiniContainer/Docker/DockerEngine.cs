using Docker.DotNet;
using Docker.DotNet.X509;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MiniContainer.Docker.Wire;

namespace MiniContainer.Docker;

/// <summary>
/// One connection to a Docker Engine, resolved as the docker CLI does (DOCKER_HOST, contexts).
/// The calls every build makes go through <see cref="Api"/>; the rest through Docker.DotNet's
/// <see cref="Client"/>, made on first use (building it costs ~40 ms in a fresh process).
/// The operations of this folder take it; callers never need Docker.DotNet types for the common steps.
/// </summary>
public sealed class DockerEngine : IDisposable
{
    private readonly Lazy<IDockerClient> _client;

    private DockerEngine(EngineApi api, ILogger logger)
    {
        Api = api;
        Logger = logger;
        _client = new Lazy<IDockerClient>(() =>
        {
            var builder = new DockerClientBuilder().WithTimeout(Timeout.InfiniteTimeSpan).WithEndpoint(api.Endpoint);
            if (api.Tls is { } tls)
                builder = builder.WithAuthProvider(DockerTlsCertificates.LoadFromDirectory(tls.CertificateDirectory, tls.VerifyServer, DockerTls.CaFileName, DockerTls.CertificateFileName, DockerTls.KeyFileName).CreateCredentials());
            return builder.Build();
        });
    }

    /// <summary>Docker.DotNet, for the calls <see cref="Api"/> does not make (build, push, pull, create, archives).</summary>
    public IDockerClient Client => _client.Value;

    /// <summary>The engine calls every build makes, without Docker.DotNet's first-use cost.</summary>
    public EngineApi Api { get; }

    public Uri Endpoint => Api.Endpoint;

    internal ILogger Logger { get; }

    /// <summary>
    /// Whether the engine shares this machine's file system (a unix socket or named pipe), so bind
    /// mounts see our files. A TCP endpoint counts as remote, even on loopback.
    /// </summary>
    public bool SharesFileSystem => Endpoint.Scheme is "unix" or "npipe";

    /// <summary>Connects and checks that the engine answers.</summary>
    /// <param name="tls">TLS for a TCP endpoint; null takes what the environment sets (<see cref="DockerTls.FromEnvironment()"/>).</param>
    /// <exception cref="DockerEngineUnavailableException">Nothing answers at the endpoint, or not with the TLS asked for.</exception>
    public static async Task<DockerEngine> ConnectAsync(Uri? endpoint = null, ILogger? logger = null, CancellationToken cancellationToken = default, DockerTls? tls = null)
    {
        logger ??= NullLogger.Instance;
        Uri resolved;
        try
        {
            resolved = endpoint ?? DockerEndpoint.Resolve();
        }
        catch (MiniContainerException e)
        {
            throw new DockerEngineUnavailableException("(the docker CLI's configuration)", e);
        }
        if (!EngineApi.Supports(resolved))
            throw new DockerEngineUnavailableException(resolved.ToString(), new NotSupportedException($"MiniContainer reaches an engine through unix://, tcp:// or npipe://, not {resolved.Scheme}://."));

        var engine = new DockerEngine(new EngineApi(resolved, tls ?? DockerTls.FromEnvironment()), logger);
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(15));
            await engine.Api.PingAsync(timeout.Token).ConfigureAwait(false);
            logger.LogDebug("Docker Engine answers at {Endpoint}", resolved);
            return engine;
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            engine.Dispose();
            throw new DockerEngineUnavailableException(resolved.ToString(), e);
        }
    }

    /// <summary>
    /// Whether the engine still answers; null when it does, else why not. A step that failed asks
    /// this to tell an engine that went away mid-build from the build's own failure.
    /// </summary>
    public async Task<Exception?> WhyNotAnsweringAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await Api.PingAsync(timeout.Token).ConfigureAwait(false);
            return null;
        }
        catch (Exception e)
        {
            return e;
        }
    }

    public void Dispose()
    {
        if (_client.IsValueCreated) _client.Value.Dispose();
    }
}
