namespace MiniContainer.Images;

/// <summary>The values behind the <c>org.opencontainers.image.*</c> labels; null ones are left out.</summary>
public sealed record OciLabelValues
{
    /// <summary>Where the source lives, e.g. the repository URL.</summary>
    public string? Source { get; init; }

    /// <summary>The commit the image was built from.</summary>
    public string? Revision { get; init; }

    public string? Version { get; init; }

    public string? Title { get; init; }

    public DateTimeOffset? Created { get; init; }
}
