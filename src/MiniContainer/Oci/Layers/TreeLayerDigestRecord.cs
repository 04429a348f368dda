using System.Text;

namespace MiniContainer.Oci.Layers;

/// <summary>
/// The diffID and size of a tree layer whose content is fixed by where it came from (<see cref="KnownTree"/>: the zoneinfo database
/// staged from a builder image ID), kept beside the tree as &lt;folder&gt;.layer. An unchanged build then finds its image in the
/// engine without reading the tree's ~1,800 files and writing their tar (0.1-0.3 s in a fresh process). The record holds its key:
/// the source, the path in the image, the layer's time and this assembly's build (whose writer made the tar); any other key is a miss.
/// </summary>
internal static class TreeLayerDigestRecord
{
    public static string PathFor(string hostDirectory) => Path.TrimEndingDirectorySeparator(Path.GetFullPath(hostDirectory)) + ".layer";

    public static string Key(KnownTree tree, DateTimeOffset modificationTime) =>
        $"{tree.Source} {tree.ImagePath} {modificationTime.ToUnixTimeSeconds()} {typeof(TreeLayerDigestRecord).Assembly.ManifestModule.ModuleVersionId}";

    /// <summary>The recorded diffID and uncompressed size for this key; null when there is no record, or one for another key.</summary>
    public static (OciDigest DiffId, long Size)? TryRead(KnownTree tree, DateTimeOffset modificationTime)
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines(PathFor(tree.HostDirectory));
        }
        catch (IOException)
        {
            return null; // none yet (FileNotFoundException), or unreadable: computed from the files instead
        }
        return lines.Length == 3 && lines[0] == Key(tree, modificationTime) && OciDigest.TryParse(lines[1], out var diffId) && long.TryParse(lines[2], out var size)
            ? (diffId, size)
            : null;
    }

    public static void Write(KnownTree tree, DateTimeOffset modificationTime, OciDigest diffId, long size)
    {
        var record = Encoding.UTF8.GetBytes($"{Key(tree, modificationTime)}\n{diffId}\n{size}\n");
        ArtifactFile.Write(PathFor(tree.HostDirectory), ArtifactFile.DataMode, file => file.Write(record));
    }

    public static void Delete(string hostDirectory)
    {
        var path = PathFor(hostDirectory);
        if (File.Exists(path)) File.Delete(path);
    }
}
