namespace MiniContainer.Oci;

/// <summary>An OCI layout or docker-archive on disk is not one; the message says what is missing.</summary>
public sealed class InvalidImageSourceException(string source, string problem)
    : MiniContainerException($"{source} is not a usable image: {problem}")
{
    public string ImageSource { get; } = source;
}
