using System.Globalization;

namespace MiniContainer.Images.Spec;

/// <summary>The commit a source folder is checked out at: revision and commit time, read with git.</summary>
public sealed record GitCommit(string Revision, DateTimeOffset CommitTime)
{
    /// <summary>Reads HEAD of the repository holding <paramref name="directory"/>; null when it is not in one or git is missing.</summary>
    public static async Task<GitCommit?> ReadAsync(string directory, CancellationToken cancellationToken)
    {
        var output = await GitOutput.ReadAsync(directory, cancellationToken, "log", "-1", "--format=%H %ct").ConfigureAwait(false);
        var parts = output?.Trim().Split(' ');
        if (parts is not { Length: 2 } || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)) return null;
        return new GitCommit(parts[0], DateTimeOffset.FromUnixTimeSeconds(seconds));
    }
}
