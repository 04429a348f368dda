using System.Collections.Immutable;

namespace MiniContainer.Oci.Layers;

/// <summary>
/// What goes into one layer. Immutable; parent folders are added when written, so only the files
/// (and folders whose mode matters) need naming.
/// </summary>
public sealed record LayerContent
{
    public const UnixFileMode DirectoryMode = (UnixFileMode)0b111_101_101; // 0755
    public const UnixFileMode ExecutableMode = (UnixFileMode)0b111_101_101; // 0755
    public const UnixFileMode FileMode = (UnixFileMode)0b110_100_100; // 0644
    public const UnixFileMode LinkMode = (UnixFileMode)0b111_111_111; // 0777, as links are
    public const UnixFileMode TemporaryDirectoryMode = (UnixFileMode)0b1_111_111_111; // 1777: sticky, world-writable (/tmp)

    public ImmutableList<LayerEntry> Entries { get; init; } = [];

    /// <summary>What made this layer, as the image history shows it (e.g. "COPY app/ /app/").</summary>
    public string CreatedBy { get; init; } = "";

    public LayerContent WithDirectory(string imagePath, UnixFileMode mode = DirectoryMode) =>
        this with { Entries = Entries.Add(new LayerEntry(Normalize(imagePath), mode)) };

    public LayerContent WithFile(string imagePath, string hostPath, UnixFileMode mode) =>
        this with { Entries = Entries.Add(new LayerEntry(Normalize(imagePath), mode, HostPath: hostPath)) };

    public LayerContent WithFile(string imagePath, byte[] content, UnixFileMode mode) =>
        this with { Entries = Entries.Add(new LayerEntry(Normalize(imagePath), mode, Content: content)) };

    /// <summary>A symbolic link, kept as a link (the zoneinfo database names many zones twice so).</summary>
    public LayerContent WithSymbolicLink(string imagePath, string target) =>
        this with { Entries = Entries.Add(new LayerEntry(Normalize(imagePath), LinkMode, LinkTarget: target)) };

    /// <summary>
    /// A host folder's tree under <paramref name="imagePath"/>: folders 0755, files 0755 when their owner may execute
    /// them and 0644 otherwise, links as links; owner 0:0 and the layer's one time, so only the files' bytes and names count.
    /// </summary>
    public LayerContent WithTree(string imagePath, string hostDirectory)
    {
        var content = WithDirectory(imagePath);
        var root = Normalize(imagePath);
        foreach (var path in Directory.EnumerateFileSystemEntries(hostDirectory, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var inImage = root + "/" + System.IO.Path.GetRelativePath(hostDirectory, path).Replace('\\', '/');
            var info = new FileInfo(path);
            if (info.LinkTarget is { } target) content = content.WithSymbolicLink(inImage, target);
            else if (Directory.Exists(path)) content = content.WithDirectory(inImage);
            else content = content.WithFile(inImage, path, !OperatingSystem.IsWindows() && (info.UnixFileMode & UnixFileMode.UserExecute) != 0 ? ExecutableMode : FileMode);
        }
        return content;
    }

    public LayerContent DescribedAs(string createdBy) => this with { CreatedBy = createdBy };

    /// <summary>"/app/hello" and "app/hello/" both become "app/hello": tar paths are relative to the root.</summary>
    internal static string Normalize(string imagePath)
    {
        var path = imagePath.Replace('\\', '/').Trim('/');
        if (path.Length == 0 || path.Split('/').Any(part => part is "" or "." or ".."))
            throw new ArgumentException($"'{imagePath}' is not a path inside the image.", nameof(imagePath));
        return path;
    }
}
