using System.Net;
using Docker.DotNet;

namespace MiniContainer.Docker;

/// <summary>
/// The engine calls every build makes, over Docker.DotNet: the answers as the few records a build needs
/// (<see cref="EngineImage"/>, <see cref="EngineContainer"/>, ...), "not found" as null, the engine's
/// refusals as <see cref="EngineApiException"/> with its own words, and each call bounded by the engine's
/// inactivity timeout. Images, containers, execs and volumes are in the other parts of this class.
/// </summary>
public sealed partial class EngineApi
{
    private readonly DockerEngine _engine;

    internal EngineApi(DockerEngine engine) => _engine = engine;

    public Task PingAsync(CancellationToken cancellationToken) =>
        _engine.CallAsync("ping", (client, ct) => client.System.PingAsync(ct), cancellationToken);

    /// <summary>Runs a call whose 404 means "there is none" (null), turning other refusals into <see cref="EngineApiException"/>.</summary>
    private Task<T?> OrNullAsync<T>(string operation, Func<IDockerClient, CancellationToken, Task<T>> call, CancellationToken cancellationToken) where T : class =>
        _engine.CallAsync<T?>(operation, async (client, ct) =>
        {
            try
            {
                return await call(client, ct).ConfigureAwait(false);
            }
            catch (DockerApiException e) when (e.StatusCode == HttpStatusCode.NotFound)
            {
                return null;
            }
            catch (DockerApiException e)
            {
                throw EngineApiException.From(operation, e);
            }
        }, cancellationToken);

    private Task<T> RefusingAsync<T>(string operation, Func<IDockerClient, CancellationToken, Task<T>> call, CancellationToken cancellationToken) =>
        _engine.CallAsync(operation, async (client, ct) =>
        {
            try
            {
                return await call(client, ct).ConfigureAwait(false);
            }
            catch (DockerApiException e)
            {
                throw EngineApiException.From(operation, e);
            }
        }, cancellationToken);
}
