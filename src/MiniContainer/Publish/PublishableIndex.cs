using MiniContainer.Oci;
using MiniContainer.Oci.Json;
using MiniContainer.Sbom;

namespace MiniContainer.Publish;

/// <summary>
/// What pushing a multi-platform image needs: the layout, the index, each platform's manifest and SBOM, and the
/// image's timestamp (the SBOM artifacts carry it). Made from the image this run composed, or read back from the
/// OCI layout an earlier run left, so PublishImage runs alone.
/// </summary>
public sealed record PublishableIndex(string LayoutDirectory, OciDigest IndexDigest, IReadOnlyList<PublishablePlatform> Platforms, DateTimeOffset Created)
{
    /// <summary>
    /// The index named <paramref name="tag"/> in the layout, its platforms' manifests, and the SBOM of each that
    /// <paramref name="sbomFor"/> names and that exists.
    /// </summary>
    /// <exception cref="InvalidImageSourceException">The layout lacks the index, a blob, or holds something else under the tag.</exception>
    public static async Task<PublishableIndex> ReadAsync(string layoutDirectory, string tag, Func<OciPlatform, string> sbomFor, CancellationToken cancellationToken)
    {
        var name = $"oci:{layoutDirectory}:{tag}";
        var indexPath = Path.Combine(layoutDirectory, "index.json");
        if (!File.Exists(indexPath))
            throw OciLayoutReader.Invalid(name, $"{indexPath} does not exist: run ComposeImage first (e.g. ./build.sh ComposeImage).");
        byte[] indexJson;
        await using (var file = File.OpenRead(indexPath))
            indexJson = await OciDocument.ReadAsync(file, 0, null, $"{name} (index.json)", cancellationToken).ConfigureAwait(false);
        try
        {
            var entry = ImageIndexJson.Read(indexJson).FirstOrDefault(d => d.Annotations.GetValueOrDefault(ImageIndexJson.RefName) == tag)
                        ?? throw OciLayoutReader.Invalid(name, $"it has no image named '{tag}': run ComposeImage again with this tag.");
            if (!OciMediaTypes.IsIndex(entry.MediaType))
                throw OciLayoutReader.Invalid(name, $"'{tag}' names a single image ({entry.MediaType}), not a multi-platform index: run ComposeImage again.");
            var manifests = ImageIndexJson.Read(await OciLayoutReader.ReadBlobAsync(name, layoutDirectory, entry, cancellationToken).ConfigureAwait(false));
            var platforms = new List<PublishablePlatform>();
            DateTimeOffset? created = null;
            foreach (var manifest in manifests)
            {
                var platform = manifest.Platform ?? throw OciLayoutReader.Invalid(name, $"the index lists {manifest.Digest} without its platform.");
                created ??= await CreatedAsync(name, layoutDirectory, manifest, cancellationToken).ConfigureAwait(false);
                platforms.Add(new PublishablePlatform(platform, manifest, await SbomAsync(sbomFor(platform), cancellationToken).ConfigureAwait(false)));
            }
            return new PublishableIndex(layoutDirectory, entry.Digest, platforms, created ?? DateTimeOffset.UnixEpoch);
        }
        catch (FormatException e)
        {
            throw OciLayoutReader.Invalid(name, $"{e.Message}.");
        }
    }

    /// <summary>The image's timestamp: its config's <c>created</c>, the value the SBOM artifacts were meant to carry.</summary>
    private static async Task<DateTimeOffset?> CreatedAsync(string name, string layout, OciDescriptor manifest, CancellationToken cancellationToken)
    {
        var image = ImageManifestJson.Read(await OciLayoutReader.ReadBlobAsync(name, layout, manifest, cancellationToken).ConfigureAwait(false), manifest.MediaType);
        var config = ImageConfig.Read(await OciLayoutReader.ReadBlobAsync(name, layout, image.Config, cancellationToken).ConfigureAwait(false));
        return OciJson.String(config.Json, "created") is { } text && DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var created)
            ? created : null;
    }

    private static async Task<SbomFile?> SbomAsync(string path, CancellationToken cancellationToken)
    {
        if (!File.Exists(path)) return null;
        var bytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        // The attacher reads the file itself and checks it against this digest; provenance is not sent again.
        return new SbomFile(path, OciDigest.Of(bytes), bytes.Length, BuildProvenance.None);
    }
}

/// <summary>One platform of a <see cref="PublishableIndex"/>: its manifest (with its platform) and its SBOM, if one was written.</summary>
public sealed record PublishablePlatform(OciPlatform Platform, OciDescriptor Manifest, SbomFile? Sbom);
