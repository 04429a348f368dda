using System.Runtime.InteropServices;

namespace MiniContainer.Oci;

/// <summary>
/// A file inside a folder we read as an image (an OCI layout), with every link followed: one that
/// leads out of the folder (blobs/sha256/x -> /dev/zero, a blobs/ that is a link elsewhere) is refused.
/// </summary>
internal static partial class LayoutFile
{
    /// <summary>The file's real path; null when it does not exist.</summary>
    /// <exception cref="InvalidImageSourceException">A link leads out of <paramref name="folder"/> (named <paramref name="source"/> in the message).</exception>
    public static string? Resolve(string source, string folder, string relative)
    {
        var path = Path.Combine(folder, relative);
        if (!File.Exists(path)) return null;
        var root = RealPath(folder);
        var real = RealPath(path);
        if (!real.StartsWith(root.TrimEnd('/') + "/", StringComparison.Ordinal))
            throw new InvalidImageSourceException(source, $"{relative} is a link that leads out of the layout (to {real}); a layout's files must be inside it.");
        return real;
    }

    private static string RealPath(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            var info = new FileInfo(path);
            return Path.GetFullPath(info.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? info.FullName);
        }
        var resolved = Resolve(path, IntPtr.Zero);
        if (resolved == IntPtr.Zero) throw new IOException($"{path} cannot be resolved (errno {Marshal.GetLastPInvokeError()}).");
        try
        {
            return Marshal.PtrToStringUTF8(resolved)!;
        }
        finally
        {
            Free(resolved);
        }
    }

    [LibraryImport("libc", EntryPoint = "realpath", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial IntPtr Resolve(string path, IntPtr resolved);

    [LibraryImport("libc", EntryPoint = "free")]
    private static partial void Free(IntPtr pointer);
}
