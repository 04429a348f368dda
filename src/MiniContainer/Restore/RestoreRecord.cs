using MiniContainer.Go;
using MiniContainer.Go.Builders;

namespace MiniContainer.Restore;

/// <summary>
/// Which downloads a module cache already holds: one marker file per restore that succeeded, named by the hash of
/// what decides the download (go.mod, go.sum, the go command and its environment) and of the cache itself. For a
/// volume that is the builder image and the volume, by name and creation time (a volume removed and made again gets
/// a new one), and the markers are kept on this machine. For a --cache-dir folder it is the folder's content
/// (<see cref="ModuleCacheContent"/>), and the markers travel inside the folder: a CI cache restored on another
/// machine is up to date, an emptied one is not.
/// </summary>
internal static class RestoreRecord
{
    private const string FolderMarkers = ".minicontainer-restored";

    public static string Folder => CacheFolders.For("restored");

    public static string Fingerprint(string engineEndpoint, string builderImageId, string volume, string volumeCreatedAt, GoModule module, GoInvocation invocation) =>
        SourceTreeHasher.HashText(string.Join('\n', [engineEndpoint, builderImageId, volume, volumeCreatedAt, .. Inputs(module, invocation)]));

    /// <summary>The download's inputs and what the folder holds for go.sum; not the builder or the engine, which the content makes no difference to.</summary>
    public static string Fingerprint(GoCacheFolder cache, GoModule module, GoInvocation invocation) =>
        SourceTreeHasher.HashText(string.Join('\n', [.. Inputs(module, invocation), .. ModuleCacheContent.Lines(cache.ModuleCache, Path.Combine(module.Directory, "go.sum"))]));

    public static bool IsRestored(string fingerprint) => File.Exists(Path.Combine(Folder, fingerprint));

    public static void MarkRestored(string fingerprint)
    {
        Directory.CreateDirectory(Folder);
        File.WriteAllText(Path.Combine(Folder, fingerprint), "");
    }

    public static bool IsRestored(GoCacheFolder cache, string fingerprint) => File.Exists(Path.Combine(cache.Directory, FolderMarkers, fingerprint));

    public static void MarkRestored(GoCacheFolder cache, string fingerprint)
    {
        var markers = Path.Combine(cache.Directory, FolderMarkers);
        if (new FileInfo(markers).LinkTarget is not null) File.Delete(markers);
        // The folder may come from anywhere: the marker is landed, never written through a link at its path.
        ArtifactFile.Write(Path.Combine(markers, fingerprint), ArtifactFile.DataMode, _ => { });
    }

    private static IEnumerable<string> Inputs(GoModule module, GoInvocation invocation)
    {
        var goSum = Path.Combine(module.Directory, "go.sum");
        return
        [
            .. invocation.Argv, .. invocation.EnvironmentLines,
            "go.mod " + SourceTreeHasher.HashFile(Path.Combine(module.Directory, "go.mod")),
            "go.sum " + (File.Exists(goSum) ? SourceTreeHasher.HashFile(goSum) : "-"),
        ];
    }
}
