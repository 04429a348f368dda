using Docker.DotNet;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace MiniContainer.Docker;

/// <summary>
/// One connection to a Docker Engine, resolved as the docker CLI does (DOCKER_HOST, contexts), through
/// Docker.DotNet. Every call is bounded by <see cref="InactivityTimeout"/>: a request that gets no answer
/// in that time, or a stream that goes silent while the engine no longer answers a ping, ends in a
/// <see cref="DockerEngineStalledException"/> naming the endpoint. The calls every build makes are in
/// <see cref="Api"/>; the operations of this folder take the engine, so callers rarely need Docker.DotNet types.
/// </summary>
public sealed class DockerEngine : IDisposable
{
    /// <summary>How long a ping may take when a silent stream makes us ask whether the engine is still there.</summary>
    private static readonly TimeSpan PingBound = TimeSpan.FromSeconds(10);

    private DockerEngine(IDockerClient client, Uri endpoint, DockerTls? tls, TimeSpan inactivityTimeout, ILogger logger)
    {
        Client = client;
        Endpoint = endpoint;
        Tls = tls;
        InactivityTimeout = inactivityTimeout;
        Logger = logger;
        Api = new EngineApi(this);
    }

    /// <summary>Docker.DotNet; call it through <see cref="CallAsync{T}"/> or <see cref="StreamAsync{T}"/>, which bound it.</summary>
    internal IDockerClient Client { get; }

    /// <summary>The engine calls every build makes (ping, inspect, exec, list, load, tag, volumes, the warm builder's create and start).</summary>
    public EngineApi Api { get; }

    public Uri Endpoint { get; }

    /// <summary>The TLS spoken to the engine; null for a plain connection.</summary>
    public DockerTls? Tls { get; }

    /// <summary>How long an exchange may pass without a byte (see <see cref="MiniContainer.InactivityTimeout"/>).</summary>
    public TimeSpan InactivityTimeout { get; }

    internal ILogger Logger { get; }

    /// <summary>
    /// Whether the engine shares this machine's file system (a unix socket or named pipe), so bind
    /// mounts see our files. A TCP endpoint counts as remote, even on loopback.
    /// </summary>
    public bool SharesFileSystem => Endpoint.Scheme is "unix" or "npipe";

    /// <summary>Whether the endpoint is one MiniContainer reaches (unix, tcp and npipe endpoints).</summary>
    public static bool Supports(Uri endpoint) => endpoint.Scheme is "unix" or "tcp" or "http" or "npipe";

    /// <summary>Connects and checks that the engine answers.</summary>
    /// <param name="tls">TLS for a TCP endpoint; null takes what the environment sets (<see cref="DockerTls.FromEnvironment()"/>).</param>
    /// <param name="inactivityTimeout">Null: <see cref="MiniContainer.InactivityTimeout.Default"/>.</param>
    /// <exception cref="DockerEngineUnavailableException">Nothing answers at the endpoint, or not with the TLS asked for.</exception>
    public static async Task<DockerEngine> ConnectAsync(Uri? endpoint = null, ILogger? logger = null, CancellationToken cancellationToken = default, DockerTls? tls = null, TimeSpan? inactivityTimeout = null)
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
        if (!Supports(resolved))
            throw new DockerEngineUnavailableException(resolved.ToString(), new NotSupportedException($"MiniContainer reaches an engine through unix://, tcp:// or npipe://, not {resolved.Scheme}://."));

        var limit = inactivityTimeout ?? MiniContainer.InactivityTimeout.Default;
        tls = resolved.Scheme is "tcp" or "http" ? tls ?? DockerTls.FromEnvironment() : null;
        DockerEngine engine;
        try
        {
            var builder = new DockerClientBuilder().WithEndpoint(resolved).WithTimeout(limit);
            if (tls is not null) builder = builder.WithAuthProvider(tls.CreateCredentials());
            engine = new DockerEngine(builder.Build(), resolved, tls, limit, logger);
        }
        catch (MiniContainerException e)
        {
            throw new DockerEngineUnavailableException(resolved.ToString(), e);
        }
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(15));
            await engine.Client.System.PingAsync(timeout.Token).ConfigureAwait(false);
            logger.LogDebug("Docker Engine answers at {Endpoint}", resolved);
            return engine;
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            engine.Dispose();
            throw new DockerEngineUnavailableException(resolved.ToString(), e is OperationCanceledException ? new TimeoutException("no answer to a ping within 15 s", e) : e);
        }
    }

    /// <summary>A request with one answer, bounded by Docker.DotNet's timeout (set to <see cref="InactivityTimeout"/>).</summary>
    /// <exception cref="DockerEngineStalledException">No answer within the bound.</exception>
    internal async Task<T> CallAsync<T>(string operation, Func<IDockerClient, CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        try
        {
            return await call(Client, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new DockerEngineStalledException(Endpoint.ToString(), operation, InactivityTimeout, e);
        }
    }

    internal Task CallAsync(string operation, Func<IDockerClient, CancellationToken, Task> call, CancellationToken cancellationToken) =>
        CallAsync<bool>(operation, async (client, ct) =>
        {
            await call(client, ct).ConfigureAwait(false);
            return true;
        }, cancellationToken);

    /// <summary>
    /// A call that streams (exec output, logs, load, push, build, archives), which Docker.DotNet leaves
    /// unbounded: the call reports each byte or message it sees to the <see cref="EngineStallGuard"/>; after
    /// <see cref="InactivityTimeout"/> of silence the engine is pinged, and a silent build in a live engine goes on.
    /// </summary>
    /// <exception cref="DockerEngineStalledException">Silence, and the engine does not answer a ping either.</exception>
    internal async Task<T> StreamAsync<T>(string operation, Func<IDockerClient, EngineStallGuard, CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        using var guard = new EngineStallGuard(AnswersPingAsync, InactivityTimeout, cancellationToken);
        try
        {
            return await call(Client, guard, guard.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (guard.Stalled && !cancellationToken.IsCancellationRequested)
        {
            throw new DockerEngineStalledException(Endpoint.ToString(), operation, InactivityTimeout, e);
        }
    }

    /// <summary>How long a ping may take: the inactivity timeout, at most <see cref="PingBound"/>.</summary>
    private TimeSpan PingTimeout => InactivityTimeout < PingBound ? InactivityTimeout : PingBound;

    private async Task<bool> AnswersPingAsync() => await WhyNotAnsweringAsync().ConfigureAwait(false) is null;

    /// <summary>
    /// Whether the engine still answers; null when it does, else why not. A step that failed asks
    /// this to tell an engine that went away mid-build from the build's own failure.
    /// </summary>
    public async Task<Exception?> WhyNotAnsweringAsync()
    {
        using var timeout = new CancellationTokenSource(PingTimeout);
        try
        {
            await Client.System.PingAsync(timeout.Token).ConfigureAwait(false);
            return null;
        }
        catch (OperationCanceledException e)
        {
            return new TimeoutException($"no answer to a ping within {(int)Math.Ceiling(PingTimeout.TotalSeconds)} s", e);
        }
        catch (Exception e)
        {
            return e;
        }
    }

    public void Dispose() => Client.Dispose();
}
