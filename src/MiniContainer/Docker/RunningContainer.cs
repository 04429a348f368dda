using Docker.DotNet;
using Docker.DotNet.Models;
using Microsoft.Extensions.Logging;

namespace MiniContainer.Docker;

/// <summary>
/// A container this process created. Disposing it removes it (killing it if it still runs), on
/// success, failure and cancellation alike: a build leaves nothing behind.
/// </summary>
public sealed class RunningContainer : IAsyncDisposable
{
    private readonly DockerEngine _engine;
    private int _removed;

    internal RunningContainer(DockerEngine engine, string id, ContainerSpec spec)
    {
        _engine = engine;
        Id = id;
        Spec = spec;
    }

    public string Id { get; }

    public ContainerSpec Spec { get; }

    public Task StartAsync(CancellationToken cancellationToken) =>
        _engine.Client.Containers.StartContainerAsync(Id, new ContainerStartParameters(), cancellationToken);

    /// <summary>Follows the container's output line by line until it closes (the container ended).</summary>
    public async Task FollowOutputAsync(Action<ContainerOutputLine> onLine, CancellationToken cancellationToken)
    {
        var parameters = new ContainerLogsParameters { Follow = true, ShowStdout = true, ShowStderr = true };
        using var stream = await _engine.Client.Containers.GetContainerLogsAsync(Id, parameters, cancellationToken).ConfigureAwait(false);
        await new ContainerLineReader(onLine).ReadToEndAsync(stream, cancellationToken).ConfigureAwait(false);
    }

    public async Task<long> WaitAsync(CancellationToken cancellationToken) =>
        (await _engine.Client.Containers.WaitContainerAsync(Id, cancellationToken).ConfigureAwait(false)).StatusCode;

    public async Task<bool> IsRunningAsync(CancellationToken cancellationToken) =>
        (await _engine.Client.Containers.InspectContainerAsync(Id, cancellationToken).ConfigureAwait(false)).State?.Running ?? false;

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _removed, 1) == 1) return;
        // Not the caller's token: cleanup must happen after a cancellation too, within a bound.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await _engine.Client.Containers.RemoveContainerAsync(Id, new ContainerRemoveParameters { Force = true, RemoveVolumes = true }, timeout.Token).ConfigureAwait(false);
        }
        catch (DockerContainerNotFoundException)
        {
        }
        catch (Exception e)
        {
            _engine.Logger.LogWarning("Could not remove container {Id} ({Step}): {Message}. Remove it with `docker rm -f {Id}`.", Id[..12], Spec.Step, e.Message, Id[..12]);
        }
    }
}
