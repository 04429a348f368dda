namespace MiniContainer.Images;

/// <summary>An image name, tag or digest that the engine would refuse; the message names the part.</summary>
public sealed class InvalidImageReferenceException(string reference, string part, string reason)
    : MiniContainerException($"The image reference '{reference}' is not valid: its {part} {reason}")
{
    public string Reference { get; } = reference;

    /// <summary>Which part is wrong: "registry", "repository", "tag" or "digest".</summary>
    public string Part { get; } = part;
}
