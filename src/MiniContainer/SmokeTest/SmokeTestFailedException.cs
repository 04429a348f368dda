using MiniContainer.Docker;

namespace MiniContainer.SmokeTest;

/// <summary>The image did not pass its smoke test; the message ends with the container's output.</summary>
public sealed class SmokeTestFailedException(string image, string reason, IReadOnlyList<ContainerOutputLine> output)
    : MiniContainerException($"Smoke test of {image} failed: {reason}\n" +
                             (output.Count == 0 ? "The container printed nothing." : $"Container output:\n  {string.Join("\n  ", output.TakeLast(50))}"))
{
    public string Image { get; } = image;

    public string Reason { get; } = reason;

    public IReadOnlyList<ContainerOutputLine> Output { get; } = output;
}
