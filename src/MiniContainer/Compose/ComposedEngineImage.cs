namespace MiniContainer.Compose;

/// <summary>An image the Image step built: its ID, the tags it carries, and its sizes.</summary>
/// <param name="Dockerfile">The Dockerfile that builds this image (for a loaded image, the one it is equivalent to).</param>
/// <param name="UpToDate">An image built from the same inputs was already in the engine, so nothing was built.</param>
public sealed record ComposedEngineImage(string Id, IReadOnlyList<string> Tags, ImageSizes Sizes, string Dockerfile, bool UpToDate = false)
{
    /// <summary>How it was put together: <see cref="ImageAssembly.Load"/> or <see cref="ImageAssembly.DockerfileBuild"/>.</summary>
    public ImageAssembly Assembly { get; init; } = ImageAssembly.DockerfileBuild;

    /// <summary>The name to run or publish it by: the first tag, else the ID.</summary>
    public string Reference => Tags.Count > 0 ? Tags[0] : Id;
}
