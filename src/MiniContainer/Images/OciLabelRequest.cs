using System.Collections.Immutable;
using Microsoft.Extensions.Logging;

namespace MiniContainer.Images;

/// <summary>What the OCI labels are computed from: given values, the git checkout and SOURCE_DATE_EPOCH.</summary>
public sealed record OciLabelRequest
{
    public string? Source { get; init; }

    public string? Version { get; init; }

    public string? Title { get; init; }

    /// <summary>A folder inside the git checkout the image is built from (revision and commit time).</summary>
    public string? SourceDirectory { get; init; }

    /// <summary>Overrides the revision read from git.</summary>
    public string? Revision { get; init; }

    /// <summary>Stamp "created" with the clock when neither SOURCE_DATE_EPOCH nor a commit is known (not reproducible).</summary>
    public bool UseClockWhenUnknown { get; init; }

    /// <summary>Computes the labels: SOURCE_DATE_EPOCH from the environment, revision and commit time from git (a checkout git refuses for its owner is warned about on <paramref name="logger"/>).</summary>
    public async Task<ImmutableSortedDictionary<string, string>> ResolveAsync(CancellationToken cancellationToken, ILogger? logger = null)
    {
        var commit = SourceDirectory is null ? null : await GitCommit.ReadAsync(SourceDirectory, cancellationToken, logger).ConfigureAwait(false);
        var created = ImageCreatedTime.Choose(
            System.Environment.GetEnvironmentVariable(ImageCreatedTime.SourceDateEpochVariable), commit?.CommitTime, UseClockWhenUnknown);
        return OciLabels.From(new OciLabelValues
        {
            Source = Source,
            Revision = Revision ?? commit?.Revision,
            Version = Version,
            Title = Title,
            Created = created,
        });
    }
}
