using System.Collections.Immutable;
using System.Globalization;

namespace MiniContainer.Images;

/// <summary>The OCI annotation keys and their rendering as image labels.</summary>
public static class OciLabels
{
    public const string Source = "org.opencontainers.image.source";
    public const string Revision = "org.opencontainers.image.revision";
    public const string Version = "org.opencontainers.image.version";
    public const string Title = "org.opencontainers.image.title";
    public const string Created = "org.opencontainers.image.created";

    public static ImmutableSortedDictionary<string, string> From(OciLabelValues values)
    {
        var labels = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        if (!string.IsNullOrEmpty(values.Source)) labels[Source] = values.Source;
        if (!string.IsNullOrEmpty(values.Revision)) labels[Revision] = values.Revision;
        if (!string.IsNullOrEmpty(values.Version)) labels[Version] = values.Version;
        if (!string.IsNullOrEmpty(values.Title)) labels[Title] = values.Title;
        // RFC 3339 in UTC to the second, as the OCI annotation spec asks.
        if (values.Created is { } created)
            labels[Created] = created.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        return labels.ToImmutable();
    }
}
