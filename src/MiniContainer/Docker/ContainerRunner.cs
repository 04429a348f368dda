using Docker.DotNet;
using Docker.DotNet.Models;
using Microsoft.Extensions.Logging;

namespace MiniContainer.Docker;

/// <summary>Creates labelled containers and runs them to completion, streaming their output.</summary>
public sealed class ContainerRunner(DockerEngine engine)
{
    private const int KeptOutputLines = 4000;

    /// <summary>Creates the container (not started). Dispose the result to remove it.</summary>
    /// <exception cref="DockerImageMissingException">The image is not in the engine.</exception>
    public async Task<RunningContainer> CreateAsync(ContainerSpec spec, CancellationToken cancellationToken)
    {
        var labels = new Dictionary<string, string>(ContainerLabels.For(spec.Step));
        foreach (var (key, value) in spec.Labels) labels[key] = value;

        var parameters = new CreateContainerParameters
        {
            Image = spec.Image,
            Cmd = spec.Command.ToList(),
            Env = spec.Environment.ToList(),
            WorkingDir = spec.WorkingDirectory!, // null: the image's own
            User = spec.User!,
            Labels = labels,
            AttachStdout = true,
            AttachStderr = true,
            HostConfig = new HostConfig
            {
                NetworkMode = spec.NetworkMode!,
                Binds = spec.Binds.Select(b => $"{b.HostPath}:{b.ContainerPath}:{(b.ReadOnly ? "ro" : "rw")}").ToList(),
                Mounts = spec.Volumes.Select(v => new Mount { Type = "volume", Source = v.VolumeName, Target = v.ContainerPath }).ToList(),
                ReadonlyRootfs = spec.Hardening?.ReadOnlyRootFilesystem ?? false,
                // A read-only root keeps a writable /tmp, as a cluster's emptyDir would give it.
                Tmpfs = spec.Hardening is { ReadOnlyRootFilesystem: true } ? new Dictionary<string, string> { ["/tmp"] = "rw,nosuid,nodev,size=64m,mode=1777" } : null!,
                CapDrop = spec.Hardening is { DropAllCapabilities: true } ? ["ALL"] : null!,
                SecurityOpt = spec.Hardening is { NoNewPrivileges: true } ? ["no-new-privileges"] : null!,
            },
        };

        try
        {
            var created = await engine.CallAsync("container create from " + spec.Image, (client, ct) => client.Containers.CreateContainerAsync(parameters, ct), cancellationToken).ConfigureAwait(false);
            return new RunningContainer(engine, created.ID, spec);
        }
        catch (DockerImageNotFoundException)
        {
            throw new DockerImageMissingException(spec.Image, engine.Endpoint.ToString());
        }
    }

    /// <summary>
    /// Runs the container to its end: <paramref name="beforeStart"/> (e.g. copy files in), start,
    /// stream output lines, wait, <paramref name="afterExit"/> (e.g. copy files out), remove.
    /// </summary>
    public async Task<ContainerExit> RunAsync(
        ContainerSpec spec,
        Action<ContainerOutputLine>? onLine = null,
        Func<RunningContainer, CancellationToken, Task>? beforeStart = null,
        Func<RunningContainer, long, CancellationToken, Task>? afterExit = null,
        CancellationToken cancellationToken = default)
    {
        var output = new Queue<ContainerOutputLine>();
        void Collect(ContainerOutputLine line)
        {
            lock (output)
            {
                output.Enqueue(line);
                if (output.Count > KeptOutputLines) output.Dequeue();
            }
            onLine?.Invoke(line);
        }

        await using var container = await CreateAsync(spec, cancellationToken).ConfigureAwait(false);
        engine.Logger.LogDebug("{Step}: container {Id} from {Image}: {Command}", spec.Step, container.Id[..12], spec.Image, string.Join(' ', spec.Command));
        if (beforeStart is not null) await beforeStart(container, cancellationToken).ConfigureAwait(false);
        await container.StartAsync(cancellationToken).ConfigureAwait(false);
        await container.FollowOutputAsync(Collect, cancellationToken).ConfigureAwait(false);
        var exitCode = await container.WaitAsync(cancellationToken).ConfigureAwait(false);
        if (afterExit is not null) await afterExit(container, exitCode, cancellationToken).ConfigureAwait(false);
        lock (output) return new ContainerExit(exitCode, output.ToList());
    }
}
