using System.Collections.Immutable;
using MiniContainer.Images.Spec;

namespace MiniContainer.Sbom;

/// <summary>The image labels that carry a <see cref="BuildProvenance"/>: OCI's source and revision, plus MiniContainer's Go facts. Pure.</summary>
public static class ProvenanceLabels
{
    public const string Modified = "dev.minicontainer.vcs.modified";
    public const string GoVersion = "dev.minicontainer.go.version";
    public const string BuildSettings = "dev.minicontainer.go.build-settings";

    public static ImmutableSortedDictionary<string, string> For(BuildProvenance provenance)
    {
        var labels = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        if (!string.IsNullOrEmpty(provenance.Source)) labels[OciLabels.Source] = provenance.Source;
        if (provenance.MarkedRevision is { } revision)
        {
            labels[OciLabels.Revision] = revision;
            labels[Modified] = provenance.Modified ? "true" : "false";
        }
        if (!string.IsNullOrEmpty(provenance.GoVersion)) labels[GoVersion] = provenance.GoVersion;
        // One setting per line, in the order Go recorded them: the "build" lines `go version -m` prints.
        if (provenance.BuildSettings.Count > 0) labels[BuildSettings] = string.Join('\n', provenance.BuildSettings);
        return labels.ToImmutable();
    }
}
