namespace Cake.MiniContainer.Recipe;

/// <summary>
/// The images ComposeImage made, one line each in &lt;output&gt;/image/images.txt, so SmokeTest and
/// PublishImage can run alone in a later build: "binary reference" for an image in the engine, plus
/// "oci:&lt;layout&gt;" for one written without an engine, or "index:&lt;layout&gt;" for a multi-platform index.
/// </summary>
internal static class ImageList
{
    public static string PathIn(ResolvedRecipeSettings settings) => Path.Combine(settings.ImageDirectory, "images.txt");

    public static void Write(ResolvedRecipeSettings settings, IEnumerable<ComposedImage> images)
    {
        Directory.CreateDirectory(settings.ImageDirectory);
        File.WriteAllLines(PathIn(settings), images.Select(i => i.ToLine()));
    }

    public static IReadOnlyList<ComposedImage> Read(ResolvedRecipeSettings settings)
    {
        var path = PathIn(settings);
        if (!File.Exists(path))
            throw new global::MiniContainer.MiniContainerException($"No images to work on: {path} does not exist. Run ComposeImage first (e.g. ./build.sh ComposeImage).");
        return File.ReadAllLines(path).Where(l => l.Length > 0).Select(ComposedImage.Parse).ToList();
    }
}

/// <summary>An image ComposeImage made: in the engine (no layout), in an OCI layout, or an index over several platforms in a layout.</summary>
internal sealed record ComposedImage(string Binary, string Reference, string? Layout = null, bool IsIndex = false)
{
    public bool InEngine => Layout is null;

    /// <summary>The reference without its tag.</summary>
    public string Repository => Reference[..Reference.LastIndexOf(':')];

    public string Tag => Reference[(Reference.LastIndexOf(':') + 1)..];

    public string ToLine() => Layout is null ? $"{Binary} {Reference}" : $"{Binary} {Reference} {(IsIndex ? "index" : "oci")}:{Layout}";

    public static ComposedImage Parse(string line)
    {
        var parts = line.Split(' ', 3);
        if (parts.Length < 3) return new ComposedImage(parts[0], parts[1]);
        var colon = parts[2].IndexOf(':');
        return new ComposedImage(parts[0], parts[1], parts[2][(colon + 1)..], parts[2][..colon] == "index");
    }
}
