using Microsoft.Extensions.Logging;
using MiniContainer.Compose;
using MiniContainer.Images;
using MiniContainer.Sbom;

namespace MiniContainer.Pipeline;

/// <summary>A runtime image's spec with its OCI labels, and its provenance labels when the binaries' build flags are known.</summary>
public static class LabelledImageSpec
{
    public static async Task<RuntimeImageSpec> ResolveAsync(RuntimeImageSpec spec, OciLabelRequest labels, IReadOnlyList<string>? buildFlags, ILogger logger, CancellationToken cancellationToken)
    {
        // Both ask git (the commit time; revision and status): side by side, one git run shorter.
        var resolving = labels.ResolveAsync(cancellationToken, logger);
        if (buildFlags is null || spec.Binaries.Count == 0) return spec.WithLabels(await resolving.ConfigureAwait(false));
        var provenance = SbomStep.ProvenanceAsync(spec.Binaries[0].HostPath, labels.Source, labels.SourceDirectory, buildFlags, cancellationToken, logger);
        await Task.WhenAll(resolving, provenance).ConfigureAwait(false);
        return spec.WithLabels(await resolving.ConfigureAwait(false)).WithLabels(ProvenanceLabels.For(await provenance.ConfigureAwait(false)));
    }
}
