using Docker.DotNet;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace MiniContainer.Docker;

/// <summary>
/// One connection to a Docker Engine, resolved as the docker CLI does (DOCKER_HOST, contexts).
/// The operations of this folder take it; callers never need Docker.DotNet types for the common steps.
/// </summary>
public sealed class DockerEngine : IDisposable
{
    private DockerEngine(IDockerClient client, Uri endpoint, ILogger logger)
    {
        Client = client;
        Endpoint = endpoint;
        Logger = logger;
    }

    public IDockerClient Client { get; }

    public Uri Endpoint { get; }

    internal ILogger Logger { get; }

    /// <summary>
    /// Whether the engine shares this machine's file system (a unix socket or named pipe), so bind
    /// mounts see our files. A TCP endpoint counts as remote, even on loopback.
    /// </summary>
    public bool SharesFileSystem => Endpoint.Scheme is "unix" or "npipe";

    /// <summary>Connects and checks that the engine answers.</summary>
    /// <exception cref="DockerEngineUnavailableException">Nothing answers at the endpoint.</exception>
    public static async Task<DockerEngine> ConnectAsync(Uri? endpoint = null, ILogger? logger = null, CancellationToken cancellationToken = default)
    {
        logger ??= NullLogger.Instance;
        var builder = new DockerClientBuilder().WithTimeout(Timeout.InfiniteTimeSpan);
        if (endpoint is not null) builder = builder.WithEndpoint(endpoint);

        IDockerClient client;
        try
        {
            client = builder.Build();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new DockerEngineUnavailableException(endpoint?.ToString() ?? "(the docker CLI's configuration)", e);
        }

        var resolved = client.Options.Endpoint;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(15));
            // A ping, not the version: its answer needs no JSON, ~60 ms less before the first step on a cold process.
            await client.System.PingAsync(timeout.Token).ConfigureAwait(false);
            logger.LogDebug("Docker Engine answers at {Endpoint}", resolved);
            return new DockerEngine(client, resolved, logger);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            client.Dispose();
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
            await Client.System.PingAsync(timeout.Token).ConfigureAwait(false);
            return null;
        }
        catch (Exception e)
        {
            return e;
        }
    }

    public void Dispose() => Client.Dispose();
}
