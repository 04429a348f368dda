using System.Globalization;

namespace MiniContainer.Images;

/// <summary>
/// Chooses the image's "created" time so the same commit gives the same labels (and layer cache):
/// SOURCE_DATE_EPOCH, else the commit time, else — only when asked — the clock.
/// </summary>
public static class ImageCreatedTime
{
    public const string SourceDateEpochVariable = "SOURCE_DATE_EPOCH";

    /// <exception cref="InvalidRuntimeImageSpecException">SOURCE_DATE_EPOCH is set but not a Unix time.</exception>
    public static DateTimeOffset? Choose(string? sourceDateEpoch, DateTimeOffset? commitTime, bool useClockWhenUnknown, TimeProvider? clock = null)
    {
        if (!string.IsNullOrWhiteSpace(sourceDateEpoch))
        {
            if (!long.TryParse(sourceDateEpoch.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || seconds > 253402300799)
                throw new InvalidRuntimeImageSpecException($"{SourceDateEpochVariable}='{sourceDateEpoch}' is not a Unix time in seconds: unset it or set it to e.g. `git log -1 --format=%ct`.");
            return DateTimeOffset.FromUnixTimeSeconds(seconds);
        }
        if (commitTime is not null) return commitTime.Value.ToUniversalTime();
        return useClockWhenUnknown ? (clock ?? TimeProvider.System).GetUtcNow() : null;
    }
}
