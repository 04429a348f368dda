using Docker.DotNet.Models;
using MiniContainer.Docker;

namespace MiniContainer.IntegrationTests.Fixtures;

/// <summary>Finds containers this test process started for the given steps and that still exist.</summary>
public static class LeftoverContainers
{
    public static async Task<IReadOnlyList<string>> OfStepsAsync(DockerEngine engine, params string[] steps)
    {
        var filters = new Dictionary<string, IDictionary<string, bool>>
        {
            ["label"] = new Dictionary<string, bool> { [$"{ContainerLabels.Session}={ContainerLabels.CurrentSession}"] = true },
        };
        var containers = await engine.Client.Containers.ListContainersAsync(new ContainersListParameters { All = true, Filters = filters });
        return containers
            .Where(c => c.Labels.TryGetValue(ContainerLabels.Step, out var step) && steps.Contains(step))
            .Select(c => c.ID)
            .ToList();
    }

    /// <summary>Warm builder containers that have <paramref name="hostDirectory"/> bound (they outlive a build by design).</summary>
    public static async Task<IReadOnlyList<string>> WarmBuildersOfAsync(DockerEngine engine, string hostDirectory)
    {
        var filters = new Dictionary<string, IDictionary<string, bool>>
        {
            ["label"] = new Dictionary<string, bool> { ["org.minicontainer.warm-builder=true"] = true },
        };
        var containers = await engine.Client.Containers.ListContainersAsync(new ContainersListParameters { All = true, Filters = filters });
        return containers.Where(c => c.Mounts.Any(m => m.Source == hostDirectory)).Select(c => c.ID).ToList();
    }

    /// <summary>Every container, of any step or state, with a mount from <paramref name="hostDirectory"/> or a folder in it.</summary>
    public static async Task<IReadOnlyList<string>> MountingAsync(DockerEngine engine, string hostDirectory)
    {
        var containers = await engine.Client.Containers.ListContainersAsync(new ContainersListParameters { All = true });
        return containers
            .Where(c => c.Mounts?.Any(m => m.Source is { } source && (source == hostDirectory || source.StartsWith(hostDirectory + "/", StringComparison.Ordinal))) == true)
            .Select(c => c.ID)
            .ToList();
    }

    /// <summary>Whether the engine still has the container (in any state).</summary>
    public static async Task<bool> ExistsAsync(DockerEngine engine, string id)
    {
        try
        {
            await engine.Client.Containers.InspectContainerAsync(id);
            return true;
        }
        catch (global::Docker.DotNet.DockerContainerNotFoundException)
        {
            return false;
        }
    }
}
