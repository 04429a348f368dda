namespace MiniContainer.Docker.Images;

/// <summary>The engine refused a docker-archive; carries the engine's own error.</summary>
public sealed class ImageLoadFailedException(string image, string error)
    : MiniContainerException($"The engine could not load {image}: {error}")
{
    public string Image { get; } = image;

    public string Error { get; } = error;
}
