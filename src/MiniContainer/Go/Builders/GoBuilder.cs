namespace MiniContainer.Go.Builders;

/// <summary>How source and binaries travel between this machine and the builder container.</summary>
public enum FileTransfer
{
    /// <summary>Bind mounts where the engine shares our file system (a local socket), copies otherwise.</summary>
    Auto,

    /// <summary>Bind-mount the source (read-only) and the output folder.</summary>
    BindMount,

    /// <summary>Send the source in and the binaries out through the engine's archive API (remote engines).</summary>
    Copy,
}

/// <summary>The builder container: an image with Go and a musl C compiler, and the caches it keeps.</summary>
public sealed record GoBuilder
{
    /// <summary>The default builder's local tag for a Go version: derived once from the official Go-on-Alpine image.</summary>
    public static string DefaultImageFor(string? goVersion) => $"minicontainer/go-builder:{goVersion ?? "1.22"}-alpine";

    public required string Image { get; init; }

    public FileTransfer Transfer { get; init; } = FileTransfer.Auto;

    /// <summary>The named volume holding Go's module cache (GOMODCACHE), shared by builds.</summary>
    public string ModuleCacheVolume { get; init; } = "minicontainer-gomodcache";

    /// <summary>The named volume holding Go's build cache (GOCACHE), shared by builds.</summary>
    public string BuildCacheVolume { get; init; } = "minicontainer-gocache";

    /// <summary>
    /// --cache-dir: both caches in this host folder instead of the volumes (see <see cref="GoCacheFolder"/>): bound into
    /// the builder, or copied in and the new files back out when the engine cannot bind our folders.
    /// </summary>
    public string? CacheDirectory { get; init; }

    /// <summary>
    /// Keep the builder container running between builds of a project (bind mounts only), so a
    /// rebuild is a docker exec. It removes itself after <see cref="WarmIdleTimeout"/> without builds.
    /// </summary>
    public bool KeepWarm { get; init; } = true;

    public TimeSpan WarmIdleTimeout { get; init; } = TimeSpan.FromMinutes(10);

    internal bool UsesBindMounts(bool engineSharesFileSystem) => Transfer switch
    {
        FileTransfer.BindMount => true,
        FileTransfer.Copy => false,
        _ => engineSharesFileSystem,
    };
}
