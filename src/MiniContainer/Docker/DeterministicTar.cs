using System.Formats.Tar;

namespace MiniContainer.Docker;

/// <summary>
/// Writes a folder as a tar stream whose bytes depend only on the files: entries in ordinal order,
/// owner 0:0, one fixed modification time (or, for a copy Go reads, each file's <see cref="ContentFileTime"/>),
/// modes as on disk (0755 for executables, 0644 else).
/// </summary>
public static class DeterministicTar
{
    public static readonly DateTimeOffset FixedTime = DateTimeOffset.FromUnixTimeSeconds(0);

    /// <summary>
    /// Writes <paramref name="directory"/> under the entry prefix <paramref name="prefix"/> (e.g. "src"). With
    /// <paramref name="timesFromContent"/> each regular file has its <see cref="ContentFileTime"/> (a pax entry, which
    /// keeps the fraction of a second); never for anything that becomes an image layer or a digest.
    /// </summary>
    public static void WriteDirectory(Stream destination, string directory, string prefix, Func<string, bool>? include = null, bool timesFromContent = false)
    {
        using var writer = new TarWriter(destination, TarEntryFormat.Gnu, leaveOpen: true);
        var root = prefix.Trim('/');
        if (root.Length > 0) WriteParents(writer, root);
        WriteTree(writer, directory, directory, root, include ?? (_ => true), timesFromContent);
    }

    /// <summary>Writes one file as the entry <paramref name="entryName"/>.</summary>
    public static void WriteFile(TarWriter writer, string sourcePath, string entryName, UnixFileMode mode)
    {
        using var content = File.OpenRead(sourcePath);
        var entry = NewEntry(TarEntryType.RegularFile, entryName, mode);
        entry.DataStream = content;
        writer.WriteEntry(entry);
    }

    /// <summary>Writes a folder entry for each folder of <paramref name="root"/> ("a/b": "a/", then "a/b/").</summary>
    internal static void WriteParents(TarWriter writer, string root)
    {
        var path = "";
        foreach (var part in root.Split('/'))
        {
            path = path.Length == 0 ? part : $"{path}/{part}";
            writer.WriteEntry(NewEntry(TarEntryType.Directory, path + "/", DirectoryMode));
        }
    }

    private static void WriteTree(TarWriter writer, string root, string directory, string prefix, Func<string, bool> include, bool timesFromContent)
    {
        var entries = Directory.EnumerateFileSystemEntries(directory).Order(StringComparer.Ordinal);
        foreach (var path in entries)
        {
            var relative = Path.GetRelativePath(root, path).Replace('\\', '/');
            if (!include(relative)) continue;
            var name = prefix.Length == 0 ? relative : $"{prefix}/{relative}";
            var info = new FileInfo(path);
            if (info.LinkTarget is { } target)
            {
                var link = NewEntry(TarEntryType.SymbolicLink, name, FileMode);
                link.LinkName = target;
                writer.WriteEntry(link);
            }
            else if (Directory.Exists(path))
            {
                writer.WriteEntry(NewEntry(TarEntryType.Directory, name + "/", DirectoryMode));
                WriteTree(writer, root, path, prefix, include, timesFromContent);
            }
            else if (timesFromContent)
            {
                WriteFileWithContentTime(writer, path, name, IsExecutable(info) ? ExecutableMode : FileMode);
            }
            else
            {
                WriteFile(writer, path, name, IsExecutable(info) ? ExecutableMode : FileMode);
            }
        }
    }

    private static void WriteFileWithContentTime(TarWriter writer, string sourcePath, string entryName, UnixFileMode mode)
    {
        using var content = File.OpenRead(sourcePath);
        var time = ContentFileTime.Of(content);
        content.Position = 0;
        // A GNU header holds whole seconds only: pax keeps the time to 100 ns.
        writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, entryName)
        {
            Mode = mode, Uid = 0, Gid = 0, UserName = "", GroupName = "", ModificationTime = time, DataStream = content,
        });
    }

    private static bool IsExecutable(FileInfo file) =>
        !OperatingSystem.IsWindows() && (file.UnixFileMode & UnixFileMode.UserExecute) != 0;

    /// <summary>An entry owned by 0:0 without names, with the given mode and one time (<see cref="FixedTime"/> unless given).</summary>
    public static GnuTarEntry NewEntry(TarEntryType type, string name, UnixFileMode mode, DateTimeOffset? time = null) => new(type, name)
    {
        Mode = mode,
        Uid = 0,
        Gid = 0,
        UserName = "",
        GroupName = "",
        ModificationTime = time ?? FixedTime,
        AccessTime = time ?? FixedTime,
        ChangeTime = time ?? FixedTime,
    };

    public const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
    public const UnixFileMode ExecutableMode = FileMode | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
    public const UnixFileMode DirectoryMode = ExecutableMode | UnixFileMode.UserWrite;
}
