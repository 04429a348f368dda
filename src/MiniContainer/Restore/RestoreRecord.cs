using MiniContainer.Go;

namespace MiniContainer.Restore;

/// <summary>
/// Which downloads a module cache volume already holds: one marker file per restore that succeeded,
/// named by the hash of what decides the download (go.mod, go.sum, the go command and its
/// environment, the builder image, and the volume, by name and creation time). A volume that was
/// removed and made again gets a new creation time, so its markers no longer match.
/// </summary>
internal static class RestoreRecord
{
    public static string Folder => CacheFolders.For("restored");

    public static string Fingerprint(string engineEndpoint, string builderImageId, string volume, string volumeCreatedAt, GoModule module, GoInvocation invocation)
    {
        var goSum = Path.Combine(module.Directory, "go.sum");
        return SourceTreeHasher.HashText(string.Join('\n',
        [
            engineEndpoint, builderImageId, volume, volumeCreatedAt,
            .. invocation.Argv, .. invocation.EnvironmentLines,
            "go.mod " + SourceTreeHasher.HashFile(Path.Combine(module.Directory, "go.mod")),
            "go.sum " + (File.Exists(goSum) ? SourceTreeHasher.HashFile(goSum) : "-"),
        ]));
    }

    public static bool IsRestored(string fingerprint) => File.Exists(Path.Combine(Folder, fingerprint));

    public static void MarkRestored(string fingerprint)
    {
        Directory.CreateDirectory(Folder);
        File.WriteAllText(Path.Combine(Folder, fingerprint), "");
    }
}
