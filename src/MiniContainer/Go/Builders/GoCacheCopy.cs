using System.Formats.Tar;
using MiniContainer.Docker;

namespace MiniContainer.Go.Builders;

/// <summary>
/// --cache-dir with an engine that cannot bind our folders (a remote one): the host folder is copied into the
/// container's own file system before the go command (no volume, so nothing of another state mixes in), and
/// the files the command wrote or used come back out after it, so the folder on this machine is the cache a
/// CI step saves. Go marks an entry it uses by its time, so a build that hit the cache sends back little.
/// </summary>
internal static class GoCacheCopy
{
    private const string StartMarker = "/tmp/.minicontainer-cache-start";
    private const string NewFiles = "/minicontainer/cache-out.tar";

    /// <summary>
    /// The go command between a start mark and a tar of the cache files newer than it (none: no tar). The names go on
    /// tar's command line (busybox tar has no -T), unglobbed; a list too long for it, or a name with a space, tars both
    /// caches whole instead. The mark is a second old: busybox's find compares whole seconds, and would miss what the
    /// command wrote in its first.
    /// </summary>
    public static IReadOnlyList<string> Command(IReadOnlyList<string> argv) =>
    [
        "sh", "-c",
        $"touch -d \"@$(($(date +%s) - 1))\" {StartMarker}; \"$@\"; rc=$?; set -f; cd /minicontainer && find gomodcache gocache -type f -newer {StartMarker} > /tmp/.minicontainer-cache-new " +
        $"&& if [ -s /tmp/.minicontainer-cache-new ]; then tar -cf {NewFiles} $(cat /tmp/.minicontainer-cache-new) 2>/dev/null || tar -cf {NewFiles} gomodcache gocache; fi; exit $rc",
        "sh", .. argv,
    ];

    /// <summary>
    /// Sends the caches in (regular files and folders, their times and modes kept; links left out): the module cache,
    /// and the build cache unless <paramref name="moduleCacheOnly"/> (go mod download compiles nothing).
    /// </summary>
    /// <returns>The archive's size in bytes.</returns>
    public static async Task<long> CopyInAsync(DockerEngine engine, RunningContainer container, GoCacheFolder folder, bool moduleCacheOnly, CancellationToken cancellationToken)
    {
        await using var archive = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose);
        using (var writer = new TarWriter(archive, TarEntryFormat.Pax, leaveOpen: true))
        {
            AddTree(writer, folder.ModuleCache, "minicontainer/gomodcache");
            if (moduleCacheOnly) writer.WriteEntry(new PaxTarEntry(TarEntryType.Directory, "minicontainer/gocache/") { Mode = (UnixFileMode)0b111_101_101 });
            else AddTree(writer, folder.BuildCache, "minicontainer/gocache");
        }
        archive.Position = 0;
        var length = archive.Length; // the engine client closes the stream
        await engine.CallAsync("copy the cache folder into container " + container.Id[..12], (client, ct) => client.Containers.ExtractArchiveToContainerAsync(
            container.Id, new global::Docker.DotNet.Models.CopyToContainerParameters { Path = "/" }, archive, ct), cancellationToken).ConfigureAwait(false);
        return length;
    }

    /// <summary>Lands the files the command wrote or used in the host folder; each through a new file renamed into place.</summary>
    /// <returns>How many files came back.</returns>
    public static async Task<int> CopyOutAsync(ContainerFiles files, RunningContainer container, GoCacheFolder folder, CancellationToken cancellationToken)
    {
        var landed = Path.Combine(folder.Directory, $".minicontainer-cache-out.{Guid.NewGuid():N}.tar");
        try
        {
            try
            {
                await files.CopyFileOutAsync(container, NewFiles, landed, ArtifactFile.DataMode, cancellationToken).ConfigureAwait(false);
            }
            catch (MiniContainerException)
            {
                return 0; // no tar: the command wrote and used nothing in the caches
            }
            return await ExtractAsync(landed, folder, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            File.Delete(landed);
        }
    }

    /// <summary>Regular files only, under gomodcache/ or gocache/; a folder on the way that is a link is replaced by a folder.</summary>
    internal static async Task<int> ExtractAsync(string tarFile, GoCacheFolder folder, CancellationToken cancellationToken)
    {
        var landed = 0;
        await using var stream = File.OpenRead(tarFile);
        using var reader = new TarReader(stream);
        while (await reader.GetNextEntryAsync(copyData: false, cancellationToken).ConfigureAwait(false) is { } entry)
        {
            if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile)) continue;
            var parts = entry.Name.TrimStart('.', '/').Split('/', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length < 2 || parts[0] is not ("gomodcache" or "gocache") || parts.Any(p => p is "." or "..")) continue;
            var target = folder.Directory;
            foreach (var part in parts[..^1])
            {
                target = Path.Combine(target, part);
                if (new FileInfo(target).LinkTarget is not null || File.Exists(target)) File.Delete(target);
                Directory.CreateDirectory(target);
            }
            target = Path.Combine(target, parts[^1]);
            var data = entry.DataStream ?? Stream.Null; // an empty file has no data stream: it lands empty (go's empty outputs)
            // Go's own modes (0444 in the module cache, 0666 in the build cache) less anything beyond read and write.
            var mode = entry.Mode & (UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.OtherRead) | UnixFileMode.UserRead;
            await ArtifactFile.WriteAsync(target, mode, (file, ct) => data.CopyToAsync(file, ct), cancellationToken).ConfigureAwait(false);
            File.SetLastWriteTimeUtc(target, entry.ModificationTime.UtcDateTime);
            landed++;
        }
        return landed;
    }

    private static void AddTree(TarWriter writer, string directory, string prefix)
    {
        var pending = new Stack<(string Path, string Name)>();
        pending.Push((directory, prefix));
        while (pending.TryPop(out var current))
        {
            writer.WriteEntry(new PaxTarEntry(TarEntryType.Directory, current.Name + "/") { Mode = (UnixFileMode)0b111_101_101, ModificationTime = Directory.GetLastWriteTimeUtc(current.Path) });
            foreach (var entry in new DirectoryInfo(current.Path).EnumerateFileSystemInfos())
            {
                if (entry.LinkTarget is not null) continue;
                var name = current.Name + "/" + entry.Name;
                if (entry is DirectoryInfo) pending.Push((entry.FullName, name));
                else writer.WriteEntry(entry.FullName, name);
            }
        }
    }
}
