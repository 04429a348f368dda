namespace MiniContainer;

/// <summary>
/// Lands a file in the artifacts folder: written to a temporary file created exclusively (a random
/// name, O_EXCL) beside the target, given a mode we choose, then renamed over the target. Nothing at a
/// predictable path is opened, so a symlink planted there is replaced, never written through, and no
/// mode a container or archive chose (setuid, world-writable) reaches the host.
/// </summary>
internal static class ArtifactFile
{
    public const UnixFileMode BinaryMode = (UnixFileMode)0b111_101_101; // 0755

    public const UnixFileMode DataMode = (UnixFileMode)0b110_100_100; // 0644

    public static async Task WriteAsync(string targetPath, UnixFileMode mode, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken)
    {
        var (target, temporary) = Paths(targetPath);
        try
        {
            await using (var file = CreateExclusive(temporary, FileOptions.Asynchronous))
            {
                await write(file, cancellationToken).ConfigureAwait(false);
                SetMode(file, mode);
            }
            File.Move(temporary, target, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    /// <summary>The same as <see cref="WriteAsync"/>, for content written synchronously (a small record or report).</summary>
    public static void Write(string targetPath, UnixFileMode mode, Action<Stream> write)
    {
        var (target, temporary) = Paths(targetPath);
        try
        {
            using (var file = CreateExclusive(temporary, FileOptions.None))
            {
                write(file);
                SetMode(file, mode);
            }
            File.Move(temporary, target, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    private static (string Target, string Temporary) Paths(string targetPath)
    {
        var target = Path.GetFullPath(targetPath);
        var folder = Path.GetDirectoryName(target)!;
        Directory.CreateDirectory(folder);
        return (target, Path.Combine(folder, $".{Path.GetFileName(target)}.{Guid.NewGuid():N}.partial"));
    }

    /// <summary>A new file only this user can read (never a file or link planted at the path; the mode is set as it is made).</summary>
    internal static FileStream CreateExclusive(string path, FileOptions options = FileOptions.None)
    {
        var open = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None, Options = options };
        if (!OperatingSystem.IsWindows()) open.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        return new FileStream(path, open);
    }

    // Set on the open file, so the umask cannot narrow it and no path is followed.
    private static void SetMode(FileStream file, UnixFileMode mode)
    {
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(file.SafeFileHandle, mode);
    }

    /// <summary>A folder only this user can enter, under a random name in <paramref name="parent"/>, to build into before landing.</summary>
    public static string CreatePrivateFolder(string parent)
    {
        var path = Path.Combine(parent, $".staging-{Guid.NewGuid():N}");
        if (OperatingSystem.IsWindows()) Directory.CreateDirectory(path);
        else Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }

    /// <summary>Renames a binary from a <see cref="CreatePrivateFolder"/> folder over <paramref name="target"/> (replacing a link there), with <see cref="BinaryMode"/>.</summary>
    public static void MoveBinaryIntoPlace(string staged, string target)
    {
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(staged, BinaryMode);
        File.Move(staged, target, overwrite: true);
    }

    /// <summary>
    /// Lands again a binary a builder wrote straight into the artifacts folder (a bind mount): it must be a
    /// regular file, not a link a container left to a host file; its copy gets <see cref="BinaryMode"/>.
    /// </summary>
    /// <exception cref="MiniContainerException">The builder left something other than a regular file there.</exception>
    public static async Task RelandBinaryAsync(string path, string writtenBy, CancellationToken cancellationToken)
    {
        var found = new FileInfo(path);
        if (!found.Exists && found.LinkTarget is null) return; // nothing built: the step names what is missing.
        if (found.LinkTarget is not null || (found.Attributes & (FileAttributes.Directory | FileAttributes.Device | FileAttributes.ReparsePoint)) != 0)
            throw new MiniContainerException(
                $"{writtenBy} left {path} as {(found.LinkTarget is { } link ? $"a link to {link}" : "something other than a regular file")}, not the binary it was to build. "
                + "Nothing was taken from it; check the builder image, remove the file and build again.");
        await WriteAsync(path, BinaryMode, async (target, ct) =>
        {
            await using var source = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
            await source.CopyToAsync(target, ct).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
    }
}
