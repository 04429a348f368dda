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

    public ImmutableList<LayerEntry> Entries { get; init; } = [];

    /// <summary>What made this layer, as the image history shows it (e.g. "COPY app/ /app/").</summary>
    public string CreatedBy { get; init; } = "";

    public LayerContent WithDirectory(string imagePath, UnixFileMode mode = DirectoryMode) =>
        this with { Entries = Entries.Add(new LayerEntry(Normalize(imagePath), mode)) };

    public LayerContent WithFile(string imagePath, string hostPath, UnixFileMode mode) =>
        this with { Entries = Entries.Add(new LayerEntry(Normalize(imagePath), mode, HostPath: hostPath)) };

    public LayerContent WithFile(string imagePath, byte[] content, UnixFileMode mode) =>
        this with { Entries = Entries.Add(new LayerEntry(Normalize(imagePath), mode, Content: content)) };

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
