using MiniContainer.Elf;
using MiniContainer.Go;
using MiniContainer.Verify;

namespace MiniContainer.Sbom;

/// <summary>
/// Where an image came from: the source repository, the commit (and whether the tree had changes
/// on top of it), the Go toolchain and the exact build settings Go recorded in the binary.
/// </summary>
/// <param name="Source">The repository URL (org.opencontainers.image.source); null when unknown.</param>
/// <param name="Revision">The commit hash; null outside a git checkout.</param>
/// <param name="Modified">The working tree had uncommitted changes, so the image is not the commit.</param>
/// <param name="GoVersion">The toolchain, as the binary names it ("go1.19.8").</param>
/// <param name="BuildSettings">Go's build settings as "key=value" (-trimpath, CGO_ENABLED, GOARCH...), vcs.* left out.</param>
public sealed record BuildProvenance(string? Source, string? Revision, bool Modified, string? GoVersion, IReadOnlyList<string> BuildSettings)
{
    /// <summary>No provenance: for an SBOM read back from disk to be attached (the document holds its own).</summary>
    public static BuildProvenance None { get; } = new(null, null, false, null, []);

    /// <summary>The exact <c>go build</c> flags (<see cref="GoBuildFlags"/>): Go records no -ldflags under -trimpath.</summary>
    public IReadOnlyList<string> BuildFlags { get; init; } = [];

    /// <summary>The revision as labels show it: the commit, with "-dirty" appended when the tree was modified (git describe's mark).</summary>
    public string? MarkedRevision => Revision is null ? null : Modified ? Revision + "-dirty" : Revision;

    /// <summary>
    /// The facts of one binary's build info, with the checkout's revision where Go stamped none
    /// (-buildvcs=false, or no git in the builder). A stamped vcs.modified=true wins over a clean checkout.
    /// </summary>
    public static BuildProvenance From(GoBuildInfo? info, string? source, SourceRevision? checkout, IReadOnlyList<string>? buildFlags = null)
    {
        var stampedRevision = info?.Setting("vcs.revision");
        var stampedModified = info?.Setting("vcs.modified") == "true";
        var settings = info?.Settings
            .Where(s => !s.Key.StartsWith("vcs", StringComparison.Ordinal))
            .Select(s => $"{s.Key}={s.Value}")
            .ToList() ?? [];
        return new BuildProvenance(
            source,
            stampedRevision ?? checkout?.Revision,
            stampedModified || (checkout?.Modified ?? false),
            info?.GoVersion,
            settings) { BuildFlags = buildFlags ?? [] };
    }
}
