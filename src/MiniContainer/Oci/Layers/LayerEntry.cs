namespace MiniContainer.Oci.Layers;

/// <summary>One file, folder or symbolic link in a layer: its path in the image (no leading '/'), mode, and where its bytes (or its link's target) come from.</summary>
public sealed record LayerEntry(string Path, UnixFileMode Mode, string? HostPath = null, byte[]? Content = null, string? LinkTarget = null)
{
    public bool IsDirectory => HostPath is null && Content is null && LinkTarget is null;

    public bool IsSymbolicLink => LinkTarget is not null;
}
