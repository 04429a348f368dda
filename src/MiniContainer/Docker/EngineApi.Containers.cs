using System.Net;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace MiniContainer.Docker;

/// <summary>The engine calls on containers: inspect, list, create, start, remove.</summary>
public sealed partial class EngineApi
{
    /// <summary>The container, or null when there is none of that name or ID.</summary>
    public async Task<EngineContainer?> InspectContainerAsync(string nameOrId, CancellationToken cancellationToken)
    {
        EnginePathValue.Checked(nameOrId, "container name or ID");
        var container = await OrNullAsync("container inspect " + nameOrId, (client, ct) => client.Containers.InspectContainerAsync(nameOrId, ct), cancellationToken).ConfigureAwait(false);
        if (container is null) return null;
        return new EngineContainer(
            container.ID,
            container.State?.Running ?? false,
            container.State?.StartedAt is { Length: > 0 } started ? started : null,
            Labels(container.Config?.Labels),
            container.ExecIDs?.ToList() ?? []);
    }

    /// <summary>Every container (running or not) that carries the label ("key=value").</summary>
    public async Task<IReadOnlyList<EngineContainerSummary>> ListContainersAsync(string label, CancellationToken cancellationToken)
    {
        var parameters = new ContainersListParameters
        {
            All = true,
            Filters = new Dictionary<string, IDictionary<string, bool>> { ["label"] = new Dictionary<string, bool> { [label] = true } },
        };
        var containers = await RefusingAsync("container list", (client, ct) => client.Containers.ListContainersAsync(parameters, ct), cancellationToken).ConfigureAwait(false);
        return containers.Select(c => new EngineContainerSummary(c.ID, Labels(c.Labels))).ToList();
    }

    /// <summary>Creates the container; returns its ID.</summary>
    /// <exception cref="EngineApiException">The engine refused, e.g. 409 Conflict when the name is taken, 404 when the image is missing.</exception>
    public async Task<string> CreateContainerAsync(EngineContainerCreation container, CancellationToken cancellationToken)
    {
        var parameters = new CreateContainerParameters
        {
            Name = container.Name,
            Image = container.Image,
            Entrypoint = container.Entrypoint.ToList(),
            Cmd = container.Command.ToList(),
            WorkingDir = container.WorkingDirectory ?? "",
            User = container.User ?? "",
            Labels = container.Labels.ToDictionary(),
            HostConfig = new HostConfig
            {
                AutoRemove = container.AutoRemove,
                NetworkMode = container.NetworkMode ?? "",
                Binds = container.Binds.ToList(),
                Mounts = container.VolumeMounts.Select(v => new Mount { Type = "volume", Source = v.Volume, Target = v.Target }).ToList(),
            },
        };
        var created = await RefusingAsync("container create " + container.Name, (client, ct) => client.Containers.CreateContainerAsync(parameters, ct), cancellationToken).ConfigureAwait(false);
        return created.ID;
    }

    public Task StartContainerAsync(string id, CancellationToken cancellationToken)
    {
        EnginePathValue.Checked(id, "container ID");
        // False (304): it already runs.
        return RefusingAsync("container start " + id, (client, ct) => client.Containers.StartContainerAsync(id, new ContainerStartParameters(), ct), cancellationToken);
    }

    /// <summary>Removes the container, killing it if it runs; false when it was already gone.</summary>
    public Task<bool> RemoveContainerAsync(string id, CancellationToken cancellationToken)
    {
        EnginePathValue.Checked(id, "container ID");
        return RefusingAsync("container remove " + id, async (client, ct) =>
        {
            try
            {
                await client.Containers.RemoveContainerAsync(id, new ContainerRemoveParameters { Force = true }, ct).ConfigureAwait(false);
                return true;
            }
            catch (DockerContainerNotFoundException)
            {
                return false;
            }
        }, cancellationToken);
    }

    private static Dictionary<string, string> Labels(IDictionary<string, string>? labels) =>
        labels is null ? new Dictionary<string, string>(StringComparer.Ordinal) : new Dictionary<string, string>(labels, StringComparer.Ordinal);
}
