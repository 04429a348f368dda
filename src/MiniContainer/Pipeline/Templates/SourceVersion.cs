using System.Globalization;
using Microsoft.Extensions.Logging;

namespace MiniContainer.Pipeline.Templates;

/// <summary>The checkout's version facts for the templates, read with git.</summary>
/// <param name="Description"><c>git describe --tags --always --dirty</c>.</param>
/// <param name="ShortCommit">git's own unique abbreviation (<c>%h</c>).</param>
/// <param name="Branch">The checked-out branch; null when HEAD is detached.</param>
public sealed record SourceVersion(string Description, string Commit, string ShortCommit, DateTimeOffset CommitTime, string? Branch)
{
    /// <summary>Reads the checkout holding <paramref name="directory"/>; null outside one, without a commit, without git, or when git refuses it for its owner.</summary>
    public static async Task<SourceVersion?> ReadAsync(string directory, CancellationToken cancellationToken, ILogger? logger = null)
    {
        var head = await GitOutput.ReadAsync(directory, logger, cancellationToken, "log", "-1", "--format=%H %h %ct").ConfigureAwait(false);
        if (head?.Trim().Split(' ') is not [var commit, var shortCommit, var seconds] || !long.TryParse(seconds, NumberStyles.None, CultureInfo.InvariantCulture, out var unix)) return null;
        var description = await GitOutput.ReadAsync(directory, logger, cancellationToken, "describe", "--tags", "--always", "--dirty").ConfigureAwait(false);
        // Exits 1 on a detached HEAD: no branch.
        var branch = await GitOutput.ReadAsync(directory, logger, cancellationToken, "symbolic-ref", "--short", "-q", "HEAD").ConfigureAwait(false);
        return new SourceVersion(description?.Trim() ?? shortCommit, commit, shortCommit, DateTimeOffset.FromUnixTimeSeconds(unix),
            branch?.Trim() is { Length: > 0 } name ? name : null);
    }
}
