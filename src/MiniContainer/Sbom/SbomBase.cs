using MiniContainer.Compose;
using MiniContainer.Oci;
using MiniContainer.Oci.Json;

namespace MiniContainer.Sbom;

/// <summary>Reads the base an image was composed on from its manifest's annotations (base.name, base.digest).</summary>
public static class SbomBase
{
    /// <summary>The base of the image <paramref name="manifestDigest"/> in an OCI layout; null when it was composed on scratch.</summary>
    public static async Task<SbomBaseImage?> FromLayoutAsync(string layoutDirectory, OciDigest manifestDigest, CancellationToken cancellationToken)
    {
        var path = Path.Combine(layoutDirectory, "blobs", "sha256", manifestDigest.Hex);
        if (!File.Exists(path))
            throw new MiniContainerException($"The OCI layout {layoutDirectory} has no manifest {manifestDigest}: compose the image into it first.");
        return FromManifest(ImageManifestJson.Read(await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false)));
    }

    public static SbomBaseImage? FromManifest(ImageManifest manifest)
    {
        var name = manifest.Annotations.GetValueOrDefault(DaemonlessComposeStep.BaseNameAnnotation);
        OciDigest? digest = OciDigest.TryParse(manifest.Annotations.GetValueOrDefault(DaemonlessComposeStep.BaseDigestAnnotation), out var d) ? d : null;
        return name is null && digest is null ? null : new SbomBaseImage(name, digest);
    }
}
