using MiniContainer.Images;
using MiniContainer.Oci;

namespace MiniContainer.Compose;

/// <summary>The image to compose and the local tags to give it (e.g. "hello:dev").</summary>
public sealed record ComposeImageRequest(RuntimeImageSpec Spec, IReadOnlyList<string> Tags)
{
    public ComposeImageRequest(RuntimeImageSpec spec, string tag) : this(spec, [tag]) { }

    /// <summary>How the image is put together; <see cref="ImageAssembly.Auto"/> loads it when it can.</summary>
    public ImageAssembly Assembly { get; init; } = ImageAssembly.Auto;

    /// <summary>
    /// The time a loaded image carries (config, history, file times); null takes the spec's
    /// org.opencontainers.image.created label, else SOURCE_DATE_EPOCH, else the Unix epoch — never
    /// the clock, so the same inputs give the same image ID. The Dockerfile build stamps its own time.
    /// </summary>
    public DateTimeOffset? Created { get; init; }

    /// <summary>Where base image configs are kept between builds; null for <see cref="BlobStore.Default"/>.</summary>
    public BlobStore? BlobCache { get; init; }
}
