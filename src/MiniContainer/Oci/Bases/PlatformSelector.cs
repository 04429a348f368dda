using MiniContainer.Oci.Json;

namespace MiniContainer.Oci.Bases;

/// <summary>Picks the manifest for a platform from an index. Pure.</summary>
public static class PlatformSelector
{
    /// <exception cref="PlatformNotFoundException">No entry is for the platform; the message lists the ones there are.</exception>
    public static OciDescriptor Select(string image, IReadOnlyList<OciDescriptor> manifests, OciPlatform platform)
    {
        var candidates = manifests.Where(m => OciMediaTypes.IsManifest(m.MediaType) || m.MediaType.Length == 0).ToList();
        // An exact variant beats an entry that names none.
        var match = candidates.FirstOrDefault(m => m.Platform is { } p && p.Matches(platform) && p.Variant == platform.Variant)
                    ?? candidates.FirstOrDefault(m => m.Platform is { } p && p.Matches(platform));
        return match ?? throw new PlatformNotFoundException(image, platform, candidates.Select(m => m.Platform).OfType<OciPlatform>().Distinct().ToList());
    }

    /// <exception cref="PlatformNotFoundException">The single image's config is for another platform.</exception>
    public static void Check(string image, ImageConfig config, OciPlatform platform)
    {
        if (!config.Platform.Matches(platform)) throw new PlatformNotFoundException(image, platform, [config.Platform]);
    }
}
