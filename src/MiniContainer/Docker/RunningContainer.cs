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
        _engine.CallAsync("container start " + Id[..12], (client, ct) => client.Containers.StartContainerAsync(Id, new ContainerStartParameters(), ct), cancellationToken);

    /// <summary>Follows the container's output line by line until it closes (the container ended).</summary>
    public async Task FollowOutputAsync(Action<ContainerOutputLine> onLine, CancellationToken cancellationToken)
    {
        var parameters = new ContainerLogsParameters { Follow = true, ShowStdout = true, ShowStderr = true };
        await _engine.StreamAsync("logs of container " + Id[..12], async (client, guard, ct) =>
        {
            using var stream = await client.Containers.GetContainerLogsAsync(Id, parameters, ct).ConfigureAwait(false);
            await new ContainerLineReader(onLine, guard.Saw).ReadToEndAsync(stream, ct).ConfigureAwait(false);
            return true;
        }, cancellationToken).ConfigureAwait(false);
    }

    public async Task<long> WaitAsync(CancellationToken cancellationToken) =>
        (await _engine.StreamAsync("wait for container " + Id[..12], (client, _, ct) => client.Containers.WaitContainerAsync(Id, ct), cancellationToken).ConfigureAwait(false)).StatusCode;

    public async Task<bool> IsRunningAsync(CancellationToken cancellationToken) =>
        (await _engine.Api.InspectContainerAsync(Id, cancellationToken).ConfigureAwait(false))?.Running ?? false;

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _removed, 1) == 1) return;
        // Not the caller's token: cleanup must happen after a cancellation too, within a bound.
        // A stalled engine would hold the build for the whole bound: its own inactivity timeout is enough.
        var bound = TimeSpan.FromSeconds(Math.Min(30, _engine.InactivityTimeout.TotalSeconds));
        using var timeout = new CancellationTokenSource(bound);
        try
        {
            await _engine.Client.Containers.RemoveContainerAsync(Id, new ContainerRemoveParameters { Force = true, RemoveVolumes = true }, timeout.Token).ConfigureAwait(false);
        }
        catch (DockerContainerNotFoundException)
        {
        }
        catch (Exception e)
        {
            _engine.Logger.LogWarning("Could not remove container {Id} ({Step}): {Reason}. Remove it with `docker rm -f {Id}`.", Id[..12], Spec.Step, WhyNotRemoved(e, bound), Id[..12]);
        }
    }

    /// <summary>Why the removal failed, as one clause: a removal cut off by its bound says so, not "The operation was canceled".</summary>
    internal static string WhyNotRemoved(Exception e, TimeSpan bound) => e is OperationCanceledException
        ? $"the Docker Engine did not answer within {bound.TotalSeconds.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture)} s"
        : e.Message.TrimEnd().TrimEnd('.');
}
