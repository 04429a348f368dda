namespace MiniContainer.Pipeline;

/// <summary>
/// The images ComposeImage made, one line each in &lt;output&gt;/image/images.txt, so SmokeTest and
/// PublishImage can run alone in a later build: "binary repository:tag[,tag...]" for an image in the engine, plus
/// "oci:&lt;layout&gt;" for one written without an engine (after "engine " when the engine has it too), "docker-archive:&lt;file&gt;" for an
/// archive alone, or "index:&lt;layout&gt;" for a multi-platform index.
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
/// An image ComposeImage made: in the engine, in an OCI layout, in a docker-archive only, or an index over several platforms in a
/// layout; one on disk may be in the engine too (--output-format=engine,oci). <see cref="Reference"/> names it by its first tag;
/// <see cref="AdditionalTags"/> are the others it carries (--image-tag=a,b).
/// </summary>
public sealed record ImageListEntry(string Binary, string Reference, string? Layout = null, bool IsIndex = false)
{
    public IReadOnlyList<string> AdditionalTags { get; init; } = [];

    /// <summary>The docker-archive, when that is all there is on disk (no layout).</summary>
    public string? Archive { get; init; }

    /// <summary>An image on disk that the engine holds as well.</summary>
    public bool AlsoInEngine { get; init; }

    /// <summary>Every tag, the first one first.</summary>
    public IReadOnlyList<string> Tags => [Tag, .. AdditionalTags];

    public bool InEngine => AlsoInEngine || (Layout is null && Archive is null);

    /// <summary>The reference without its tag.</summary>
    public string Repository => Reference[..Reference.LastIndexOf(':')];

    public string Tag => Reference[(Reference.LastIndexOf(':') + 1)..];

    /// <summary>Where it is, for a log line: the engine, the layout, the archive.</summary>
    public string Where => string.Join(" and ", new[] { InEngine ? "in the engine" : null, Layout, Archive }.OfType<string>());

    /// <summary>"binary repository:tag[,tag...] [engine ][oci:|index:layout|docker-archive:file]": the path last, as it may hold spaces.</summary>
    public string ToLine()
    {
        var references = string.Join(",", [Reference, .. AdditionalTags]);
        var onDisk = Layout is not null ? $"{(IsIndex ? "index" : "oci")}:{Layout}" : Archive is not null ? $"{ArchivePrefix}{Archive}" : null;
        return onDisk is null ? $"{Binary} {references}" : $"{Binary} {references} {(AlsoInEngine ? EngineToken : "")}{onDisk}";
    }

    /// <exception cref="MiniContainerException">The line is not one this list writes.</exception>
    public static ImageListEntry Parse(string line)
    {
        var parts = line.Split(' ', 3);
        if (parts.Length < 2 || parts[1].LastIndexOf(':') <= 0) throw NotWritten(line);
        var tagStart = parts[1].LastIndexOf(':') + 1;
        var tags = parts[1][tagStart..].Split(',');
        var reference = parts[1][..tagStart] + tags[0];
        var additional = tags[1..];
        if (parts.Length < 3) return new ImageListEntry(parts[0], reference) { AdditionalTags = additional };
        var alsoInEngine = parts[2].StartsWith(EngineToken, StringComparison.Ordinal);
        var onDisk = alsoInEngine ? parts[2][EngineToken.Length..] : parts[2];
        if (onDisk.StartsWith(ArchivePrefix, StringComparison.Ordinal) && onDisk.Length > ArchivePrefix.Length)
            return new ImageListEntry(parts[0], reference) { AdditionalTags = additional, Archive = onDisk[ArchivePrefix.Length..], AlsoInEngine = alsoInEngine };
        var colon = onDisk.IndexOf(':');
        return colon > 0 && onDisk[..colon] is "oci" or "index"
            ? new ImageListEntry(parts[0], reference, onDisk[(colon + 1)..], onDisk[..colon] == "index") { AdditionalTags = additional, AlsoInEngine = alsoInEngine }
            : throw NotWritten(line);
    }

    private const string EngineToken = "engine ";
    private const string ArchivePrefix = "docker-archive:";

    private static MiniContainerException NotWritten(string line) =>
        new($"The image list has a line it did not write: '{line}'. Run ComposeImage again to write it anew.");
}
