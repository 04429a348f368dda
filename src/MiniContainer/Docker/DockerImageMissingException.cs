namespace MiniContainer.Docker;

/// <summary>An image the build needs is not in the engine.</summary>
public sealed class DockerImageMissingException(string image, string endpoint, string? howToGetIt = null)
    : MiniContainerException($"The image '{image}' is not in the Docker Engine at {endpoint}. {howToGetIt ?? $"Pull or build it first (`docker pull {image}`), or name another image."}")
{
    public string Image { get; } = image;
}
