namespace MiniContainer.Oci.Layers;

/// <summary>One file or folder in a layer: its path in the image (no leading '/'), mode, and where its bytes come from.</summary>
public sealed record LayerEntry(string Path, UnixFileMode Mode, string? HostPath = null, byte[]? Content = null)
{
    public bool IsDirectory => HostPath is null && Content is null;
}
