using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace MiniContainer.Docker;

/// <summary>
/// Which file system object a host path names now (device and inode, as statx(2) reports them).
/// A folder deleted and made again under the same path is another object: a container that bound
/// the old one still sees the old one (or nothing), so a kept container is checked against this.
/// </summary>
internal static partial class HostPathIdentity
{
    private const int AtFdCwd = -100;
    private const uint StatxIno = 0x100;
    private const int StatxSize = 256;

    /// <summary>"&lt;dev major&gt;:&lt;dev minor&gt;:&lt;inode&gt;", or null when it cannot be read (no such path, not Linux, a libc without statx).</summary>
    public static string? Of(string path)
    {
        if (!OperatingSystem.IsLinux()) return null;
        var buffer = new byte[StatxSize];
        try
        {
            if (Statx(AtFdCwd, path, 0, StatxIno, buffer) != 0) return null;
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            return null;
        }
        // struct statx (the kernel's ABI, the same on every architecture): stx_ino at 32, stx_dev_major/minor at 136/140.
        var inode = BinaryPrimitives.ReadUInt64LittleEndian(buffer.AsSpan(32));
        var major = BinaryPrimitives.ReadUInt32LittleEndian(buffer.AsSpan(136));
        var minor = BinaryPrimitives.ReadUInt32LittleEndian(buffer.AsSpan(140));
        if (!BitConverter.IsLittleEndian)
        {
            inode = BinaryPrimitives.ReverseEndianness(inode);
            major = BinaryPrimitives.ReverseEndianness(major);
            minor = BinaryPrimitives.ReverseEndianness(minor);
        }
        return $"{major}:{minor}:{inode}";
    }

    [LibraryImport("libc", EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Statx(int directoryFd, string path, int flags, uint mask, [Out] byte[] buffer);
}
