namespace Cake.MiniContainer.Recipe;

/// <summary>
/// The images ComposeImage made, one "binary reference" line each in &lt;output&gt;/image/images.txt,
/// so SmokeTest and PublishImage can run alone in a later build.
/// </summary>
internal static class ImageList
{
    public static string PathIn(ResolvedRecipeSettings settings) => Path.Combine(settings.ImageDirectory, "images.txt");

    public static void Write(ResolvedRecipeSettings settings, IEnumerable<(string Binary, string Reference)> images)
    {
        Directory.CreateDirectory(settings.ImageDirectory);
        File.WriteAllLines(PathIn(settings), images.Select(i => $"{i.Binary} {i.Reference}"));
    }

    public static IReadOnlyList<(string Binary, string Reference)> Read(ResolvedRecipeSettings settings)
    {
        var path = PathIn(settings);
        if (!File.Exists(path))
            throw new global::MiniContainer.MiniContainerException($"No images to work on: {path} does not exist. Run ComposeImage first (e.g. ./build.sh ComposeImage).");
        return File.ReadAllLines(path).Where(l => l.Length > 0).Select(l => l.Split(' ', 2)).Select(p => (p[0], p[1])).ToList();
    }
}
