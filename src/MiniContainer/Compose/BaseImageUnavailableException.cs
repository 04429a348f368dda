namespace MiniContainer.Compose;

/// <summary>The base image is not in the engine and the engine could not pull it.</summary>
public sealed class BaseImageUnavailableException(string baseImage, string endpoint, string engineError)
    : MiniContainerException($"The base image '{baseImage}' is not in the Docker Engine at {endpoint} and could not be pulled: {engineError} " +
                             $"Pull or load it first (`docker pull {baseImage}` where a registry is reachable, or `docker load`), or name another base image.")
{
    public string BaseImage { get; } = baseImage;
}
