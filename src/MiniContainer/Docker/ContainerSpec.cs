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

    /// <summary>The restrictions of a hardened cluster's runtime; null runs the container as the engine's default does.</summary>
    public ContainerHardening? Hardening { get; init; }
}

/// <summary>
/// How a hardened cluster runs a container (a restricted pod security profile): a read-only root file system with a
/// fresh /tmp, every capability dropped, and no privilege gained through setuid files.
/// </summary>
public sealed record ContainerHardening
{
    public static ContainerHardening Full { get; } = new();

    public bool ReadOnlyRootFilesystem { get; init; } = true;

    public bool DropAllCapabilities { get; init; } = true;

    public bool NoNewPrivileges { get; init; } = true;

    /// <summary>Each restriction this one applies, with the one lifted: to find which a program needs lifted.</summary>
    public IEnumerable<(string Restriction, ContainerHardening Lifted)> EachLifted()
    {
        if (ReadOnlyRootFilesystem) yield return ("a read-only root file system (readOnlyRootFilesystem)", this with { ReadOnlyRootFilesystem = false });
        if (DropAllCapabilities) yield return ("all capabilities dropped (capabilities: drop: [ALL])", this with { DropAllCapabilities = false });
        if (NoNewPrivileges) yield return ("no new privileges (allowPrivilegeEscalation: false)", this with { NoNewPrivileges = false });
    }
}

public sealed record BindMount(string HostPath, string ContainerPath, bool ReadOnly);

public sealed record VolumeMount(string VolumeName, string ContainerPath);
