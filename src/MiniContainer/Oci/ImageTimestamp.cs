using Microsoft.Extensions.Logging;
using MiniContainer.Images;

namespace MiniContainer.Oci;

/// <summary>
/// The one time a daemonless image carries (config "created", history, every file's mtime):
/// SOURCE_DATE_EPOCH, else the commit time of the source, else the Unix epoch — never the clock,
/// so two builds of one commit give the same digest.
/// </summary>
public static class ImageTimestamp
{
    /// <exception cref="InvalidRuntimeImageSpecException">SOURCE_DATE_EPOCH is set but not a Unix time.</exception>
    public static async Task<DateTimeOffset> ResolveAsync(string? sourceDirectory, CancellationToken cancellationToken, Func<string, string?>? getVariable = null, ILogger? logger = null)
    {
        getVariable ??= Environment.GetEnvironmentVariable;
        var fromEnvironment = getVariable(ImageCreatedTime.SourceDateEpochVariable);
        var commit = string.IsNullOrWhiteSpace(fromEnvironment) && sourceDirectory is not null
            ? await GitCommit.ReadAsync(sourceDirectory, cancellationToken, logger).ConfigureAwait(false)
            : null;
        return ImageCreatedTime.Choose(fromEnvironment, commit?.CommitTime, useClockWhenUnknown: false) ?? DateTimeOffset.UnixEpoch;
    }
}
