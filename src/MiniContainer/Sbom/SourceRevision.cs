using Microsoft.Extensions.Logging;

namespace MiniContainer.Sbom;

/// <summary>The commit a source folder is checked out at, and whether files differ from it (git status, untracked files included, as Go's vcs.modified).</summary>
public sealed record SourceRevision(string Revision, bool Modified)
{
    /// <summary>Reads the checkout holding <paramref name="directory"/>; null outside one, without git, or when git refuses it for its owner (warned on <paramref name="logger"/>).</summary>
    public static async Task<SourceRevision?> ReadAsync(string directory, CancellationToken cancellationToken, ILogger? logger = null)
    {
        var head = await GitOutput.ReadAsync(directory, logger, cancellationToken, "rev-parse", "HEAD").ConfigureAwait(false);
        if (head is null || head.Trim().Length == 0) return null;
        var status = await GitOutput.ReadAsync(directory, logger, cancellationToken, "status", "--porcelain").ConfigureAwait(false);
        return new SourceRevision(head.Trim(), status is { Length: > 0 } && status.Trim().Length > 0);
    }
}
