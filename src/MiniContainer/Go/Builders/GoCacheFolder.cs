namespace MiniContainer.Go.Builders;

/// <summary>
/// --cache-dir: Go's module cache (<c>gomodcache/</c>) and build cache (<c>gocache/</c>) as folders on this
/// machine, which a CI cache step saves and restores, in place of the engine's named volumes.
/// </summary>
public sealed record GoCacheFolder
{
    public GoCacheFolder(string directory) => Directory = Path.GetFullPath(directory);

    public string Directory { get; }

    public string ModuleCache => Path.Combine(Directory, "gomodcache");

    public string BuildCache => Path.Combine(Directory, "gocache");

    /// <summary>The two caches as the host's go takes them (GOMODCACHE, GOCACHE).</summary>
    public GoCachePaths HostPaths => new(ModuleCache, BuildCache);

    /// <summary>
    /// Makes the folder and both caches real folders, and removes every symbolic link inside them (go writes none
    /// there): a link at either cache would be bind-mounted as its target, and go would write through one inside.
    /// </summary>
    public GoCacheFolder Prepare()
    {
        if (File.Exists(Directory))
            throw new MiniContainerException($"--cache-dir={Directory} names a file. Give a folder for Go's caches (it is made when missing), e.g. --cache-dir=.cache/minicontainer.");
        try
        {
            System.IO.Directory.CreateDirectory(Directory);
            foreach (var cache in new[] { ModuleCache, BuildCache })
            {
                if (new FileInfo(cache).LinkTarget is not null || File.Exists(cache)) File.Delete(cache);
                System.IO.Directory.CreateDirectory(cache);
                RemoveLinksUnder(cache);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new MiniContainerException($"--cache-dir={Directory} cannot be used: {e.Message} Give a folder this user can write (it is made when missing).");
        }
        return this;
    }

    private static void RemoveLinksUnder(string folder)
    {
        var pending = new Stack<string>();
        pending.Push(folder);
        while (pending.TryPop(out var current))
            foreach (var entry in new DirectoryInfo(current).EnumerateFileSystemInfos())
            {
                if (entry.LinkTarget is not null) entry.Delete();
                else if (entry is DirectoryInfo) pending.Push(entry.FullName);
            }
    }

    /// <summary>
    /// The go command, then every file the (root) builder made in the bound caches given to each cache folder's
    /// owner as the container sees it: the host user, so a CI runner can save and remove the folder. Links are
    /// changed themselves (-h), never their targets; go's exit code is kept.
    /// </summary>
    public static IReadOnlyList<string> GivingFilesToTheFolderOwner(IReadOnlyList<string> argv) =>
    [
        "sh", "-c",
        "\"$@\"; rc=$?; " +
        $"for d in {GoCachePaths.InContainer.ModuleCache} {GoCachePaths.InContainer.BuildCache}; do " +
        "o=$(stat -c %u:%g \"$d\") && find \"$d\" \\( ! -user \"${o%:*}\" -o ! -group \"${o#*:}\" \\) -exec chown -h \"$o\" {} + " +
        "|| echo \"minicontainer: could not give the files in $d to $o\" >&2; done; exit $rc",
        "sh", .. argv,
    ];
}
