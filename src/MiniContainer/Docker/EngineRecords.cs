namespace MiniContainer.Docker;

/// <summary>An image as the engine holds it: its ID (the config digest) and its size on disk.</summary>
/// <param name="DiffIds">Its layers' diffIDs, base first (its RootFS).</param>
public sealed record EngineImage(string Id, long Size, IReadOnlyList<string> DiffIds);

/// <summary>What a build needs to know of a container: whether it runs, since when, its labels and its execs.</summary>
public sealed record EngineContainer(string Id, bool Running, string? StartedAt, IReadOnlyDictionary<string, string> Labels, IReadOnlyList<string> ExecIds);

/// <summary>A container in a listing: its ID and labels.</summary>
public sealed record EngineContainerSummary(string Id, IReadOnlyDictionary<string, string> Labels);

/// <summary>An exec: whether it still runs, how it ended, and the command it runs (program and arguments).</summary>
public sealed record EngineExec(bool Running, long? ExitCode, IReadOnlyList<string> Command);

/// <summary>A long-running container to create: its command, user, labels, network and mounts (binds "host:container:ro|rw", named volumes).</summary>
public sealed record EngineContainerCreation(string Name, string Image, IReadOnlyList<string> Entrypoint, IReadOnlyList<string> Command)
{
    public string? WorkingDirectory { get; init; }
    public string? User { get; init; }
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();
    /// <summary>The engine removes the container when it ends.</summary>
    public bool AutoRemove { get; init; }
    public string? NetworkMode { get; init; }
    public IReadOnlyList<string> Binds { get; init; } = [];
    public IReadOnlyList<(string Volume, string Target)> VolumeMounts { get; init; } = [];
}
