using Docker.DotNet.Models;

namespace MiniContainer.Docker;

/// <summary>The engine calls on named volumes: create, inspect.</summary>
public sealed partial class EngineApi
{
    /// <summary>The named volume's creation time as the engine reports it, or null when there is no such volume.</summary>
    public async Task<string?> VolumeCreatedAtAsync(string name, CancellationToken cancellationToken)
    {
        EnginePathValue.Checked(name, "volume name");
        var volume = await OrNullAsync("volume inspect " + name, (client, ct) => client.Volumes.InspectAsync(name, ct), cancellationToken).ConfigureAwait(false);
        return volume?.CreatedAt;
    }

    /// <summary>Creates the named volume with the labels; the engine keeps an existing volume of that name as it is.</summary>
    public Task CreateVolumeAsync(string name, IReadOnlyDictionary<string, string> labels, CancellationToken cancellationToken) =>
        RefusingAsync("volume create " + name, (client, ct) => client.Volumes.CreateAsync(new VolumesCreateParameters { Name = name, Labels = labels.ToDictionary() }, ct), cancellationToken);
}
