namespace MiniContainer.Docker.Images;

/// <summary>The engine refused to build the image; carries the engine's own error and the build's last output.</summary>
public sealed class ImageBuildFailedException(string image, string error, IReadOnlyList<string> output)
    : MiniContainerException($"The engine could not build {image}: {error}" +
                             (output.Count == 0 ? "" : $"\nBuild output:\n  {string.Join("\n  ", output.TakeLast(30))}"))
{
    public string Image { get; } = image;

    public string Error { get; } = error;

    public IReadOnlyList<string> Output { get; } = output;
}
