namespace MiniContainer.Docker;

/// <summary>What a run-to-completion container is: image, command, environment, mounts.</summary>
public sealed record ContainerSpec
{
    public required string Image { get; init; }

    public required IReadOnlyList<string> Command { get; init; }

    /// <summary>A name for logs and the step label, e.g. "compile".</summary>
    public required string Step { get; init; }

    public IReadOnlyList<string> Environment { get; init; } = [];

    public string? WorkingDirectory { get; init; }

    /// <summary>Host folders bound into the container (only where the engine shares our file system).</summary>
    public IReadOnlyList<BindMount> Binds { get; init; } = [];

    /// <summary>Named volumes mounted into the container.</summary>
    public IReadOnlyList<VolumeMount> Volumes { get; init; } = [];

    /// <summary>"none", "host" or a network name; null for the engine's default.</summary>
    public string? NetworkMode { get; init; }

    public string? User { get; init; }

    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();
}

public sealed record BindMount(string HostPath, string ContainerPath, bool ReadOnly);

public sealed record VolumeMount(string VolumeName, string ContainerPath);
