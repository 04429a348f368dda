namespace MiniContainer.Pipeline;

/// <summary>
/// The images ComposeImage made, one line each in &lt;output&gt;/image/images.txt, so SmokeTest and
/// PublishImage can run alone in a later build: "binary repository:tag[,tag...]" for an image in the engine, plus
/// "oci:&lt;layout&gt;" for one written without an engine, or "index:&lt;layout&gt;" for a multi-platform index.
/// </summary>
public static class ImageList
{
    public static void Write(ArtifactLayout layout, IEnumerable<ImageListEntry> images)
    {
        Directory.CreateDirectory(layout.ImageDirectory);
        var text = System.Text.Encoding.UTF8.GetBytes(string.Concat(images.Select(i => i.ToLine() + "\n")));
        ArtifactFile.Write(layout.ImageListFile, ArtifactFile.DataMode, file => file.Write(text));
    }

    /// <exception cref="MiniContainerException">ComposeImage has not run: there is no list.</exception>
    public static IReadOnlyList<ImageListEntry> Read(ArtifactLayout layout)
    {
        var path = layout.ImageListFile;
        if (!File.Exists(path))
            throw new MiniContainerException($"No images to work on: {path} does not exist. Run ComposeImage first (e.g. ./build.sh ComposeImage).");
        return File.ReadAllLines(path).Where(l => l.Length > 0).Select(ImageListEntry.Parse).ToList();
    }
}

/// <summary>
/// An image ComposeImage made: in the engine (no layout), in an OCI layout, or an index over several platforms in a layout.
/// <see cref="Reference"/> names it by its first tag; <see cref="AdditionalTags"/> are the others it carries (--image-tag=a,b).
/// </summary>
public sealed record ImageListEntry(string Binary, string Reference, string? Layout = null, bool IsIndex = false)
{
    public IReadOnlyList<string> AdditionalTags { get; init; } = [];

    /// <summary>Every tag, the first one first.</summary>
    public IReadOnlyList<string> Tags => [Tag, .. AdditionalTags];

    public bool InEngine => Layout is null;

    /// <summary>The reference without its tag.</summary>
    public string Repository => Reference[..Reference.LastIndexOf(':')];

    public string Tag => Reference[(Reference.LastIndexOf(':') + 1)..];

    /// <summary>"binary repository:tag[,tag...] [oci:|index:layout]": the layout last, as a path may hold spaces.</summary>
    public string ToLine()
    {
        var references = string.Join(",", [Reference, .. AdditionalTags]);
        return Layout is null ? $"{Binary} {references}" : $"{Binary} {references} {(IsIndex ? "index" : "oci")}:{Layout}";
    }

    /// <exception cref="MiniContainerException">The line is not one this list writes.</exception>
    public static ImageListEntry Parse(string line)
    {
        var parts = line.Split(' ', 3);
        if (parts.Length < 2 || parts[1].LastIndexOf(':') <= 0)
            throw new MiniContainerException($"The image list has a line it did not write: '{line}'. Run ComposeImage again to write it anew.");
        var tagStart = parts[1].LastIndexOf(':') + 1;
        var tags = parts[1][tagStart..].Split(',');
        var reference = parts[1][..tagStart] + tags[0];
        var additional = tags[1..];
        if (parts.Length < 3) return new ImageListEntry(parts[0], reference) { AdditionalTags = additional };
        var colon = parts[2].IndexOf(':');
        return colon > 0 ? new ImageListEntry(parts[0], reference, parts[2][(colon + 1)..], parts[2][..colon] == "index") { AdditionalTags = additional }
            : throw new MiniContainerException($"The image list has a line it did not write: '{line}'. Run ComposeImage again to write it anew.");
    }
}
