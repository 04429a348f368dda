namespace MiniContainer.Images.Compose;

/// <summary>An image the Image step built: its ID, the tags it carries, and its sizes.</summary>
/// <param name="UpToDate">An image built from the same inputs was already in the engine, so nothing was built.</param>
public sealed record ComposedImage(string Id, IReadOnlyList<string> Tags, ImageSizes Sizes, string Dockerfile, bool UpToDate = false)
{
    /// <summary>The name to run or publish it by: the first tag, else the ID.</summary>
    public string Reference => Tags.Count > 0 ? Tags[0] : Id;
}
