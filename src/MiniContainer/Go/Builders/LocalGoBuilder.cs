namespace MiniContainer.Go.Builders;

/// <summary>
/// The host's Go toolchain as the builder: the same go argv and environment as in the builder
/// container (<see cref="Go.GoCommandLine"/>), with a musl C compiler so the static link gives a
/// musl binary, and Go's caches where the host keeps them (or under <see cref="CacheDirectory"/>).
/// </summary>
public sealed record LocalGoBuilder
{
    public const string DefaultCCompiler = "musl-gcc";

    /// <summary>The go program: a name on PATH or a path.</summary>
    public string GoExecutable { get; init; } = "go";

    /// <summary>CC when the build options name none: Debian's and Alpine's musl wrapper.</summary>
    public string CCompiler { get; init; } = DefaultCCompiler;

    /// <summary>Holds gomodcache/ and gocache/; null uses the host's GOMODCACHE and GOCACHE (go env).</summary>
    public string? CacheDirectory { get; init; }
}
