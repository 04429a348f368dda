namespace MiniContainer.Oci;

/// <summary>A base image (an index or a single manifest) has no image for the platform being built.</summary>
public sealed class PlatformNotFoundException(string image, OciPlatform requested, IReadOnlyList<OciPlatform> available)
    : MiniContainerException($"The base image {image} has no image for {requested}; it has: " +
                             $"{(available.Count == 0 ? "no platform entries" : string.Join(", ", available))}. " +
                             "Build for one of those (GOARCH / --platform) or choose a base image that has your platform.")
{
    public OciPlatform Requested { get; } = requested;

    public IReadOnlyList<OciPlatform> Available { get; } = available;
}
