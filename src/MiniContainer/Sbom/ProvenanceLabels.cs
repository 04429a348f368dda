using System.Collections.Immutable;
using MiniContainer.Images;
using MiniContainer.Oci.Json;

namespace MiniContainer.Sbom;

/// <summary>The image labels that carry a <see cref="BuildProvenance"/>: OCI's source and revision, plus MiniContainer's Go facts. Pure.</summary>
public static class ProvenanceLabels
{
    public const string Modified = "dev.minicontainer.vcs.modified";
    public const string GoVersion = "dev.minicontainer.go.version";
    public const string BuildSettings = "dev.minicontainer.go.build-settings";
    public const string BuildFlags = "dev.minicontainer.go.build-flags";

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
        // A JSON array of "key=value", in the order Go recorded them (the "build" lines of `go version -m`):
        // label values take no newlines, and values hold spaces (-ldflags), so a plain join would be ambiguous.
        if (provenance.BuildSettings.Count > 0) labels[BuildSettings] = OciJson.Array(provenance.BuildSettings);
        if (provenance.BuildFlags.Count > 0) labels[BuildFlags] = OciJson.Array(provenance.BuildFlags);
        return labels.ToImmutable();
    }
}
