using System.Globalization;
using Microsoft.Extensions.Logging;

namespace MiniContainer.Images;

/// <summary>The commit a source folder is checked out at: revision and commit time, read with git.</summary>
public sealed record GitCommit(string Revision, DateTimeOffset CommitTime)
{
    /// <summary>Reads HEAD of the repository holding <paramref name="directory"/>; null when it is not in one, git is missing, or git refuses it for its owner (warned on <paramref name="logger"/>).</summary>
    public static async Task<GitCommit?> ReadAsync(string directory, CancellationToken cancellationToken, ILogger? logger = null)
    {
        var output = await GitOutput.ReadAsync(directory, logger, cancellationToken, "log", "-1", "--format=%H %ct").ConfigureAwait(false);
        var parts = output?.Trim().Split(' ');
        if (parts is not { Length: 2 } || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)) return null;
        return new GitCommit(parts[0], DateTimeOffset.FromUnixTimeSeconds(seconds));
    }
}
