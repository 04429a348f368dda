using MiniContainer.Images.Spec;

namespace MiniContainer.Images.Compose;

/// <summary>The image to compose and the local tags to give it (e.g. "hello:dev").</summary>
public sealed record ComposeImageRequest(RuntimeImageSpec Spec, IReadOnlyList<string> Tags)
{
    public ComposeImageRequest(RuntimeImageSpec spec, string tag) : this(spec, [tag]) { }
}
