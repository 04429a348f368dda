namespace MiniContainer.Docker;

/// <summary>Named volumes that keep caches between builds.</summary>
public sealed class DockerVolumes(DockerEngine engine)
{
    /// <summary>Creates the volume unless it exists (the engine's create is idempotent for a name).</summary>
    public Task EnsureAsync(string name, CancellationToken cancellationToken) =>
        engine.Api.CreateVolumeAsync(name, new Dictionary<string, string> { [ContainerLabels.Managed] = "true" }, cancellationToken);

    /// <summary>The volume's creation time as the engine reports it, or null when there is no such volume.</summary>
    public Task<string?> CreatedAtAsync(string name, CancellationToken cancellationToken) => engine.Api.VolumeCreatedAtAsync(name, cancellationToken);
}
