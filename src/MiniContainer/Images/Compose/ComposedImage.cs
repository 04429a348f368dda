namespace MiniContainer.Images.Compose;

/// <summary>An image the Image step built: its ID, the tags it carries, and its sizes.</summary>
public sealed record ComposedImage(string Id, IReadOnlyList<string> Tags, ImageSizes Sizes, string Dockerfile)
{
    /// <summary>The name to run or publish it by: the first tag, else the ID.</summary>
    public string Reference => Tags.Count > 0 ? Tags[0] : Id;
}
