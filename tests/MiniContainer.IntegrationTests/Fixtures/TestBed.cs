namespace MiniContainer.IntegrationTests.Fixtures;

/// <summary>
/// The local images eng/testbed.sh makes (no registry can be reached here) and the repository's
/// folders. Tests name the images through settings, as a user names their own builder.
/// </summary>
public static class TestBed
{
    public static string BuilderImage { get; } =
        Environment.GetEnvironmentVariable("MINICONTAINER_TESTBED_BUILDER") ?? "minicontainer-testbed/go-builder:latest";

    public static string AlpineImage { get; } =
        Environment.GetEnvironmentVariable("MINICONTAINER_TESTBED_ALPINE") ?? "minicontainer-testbed/alpine:latest";

    /// <summary>Set in CI: an unreachable engine fails the engine tests instead of skipping them.</summary>
    public static bool EngineRequired { get; } = Environment.GetEnvironmentVariable("MINICONTAINER_REQUIRE_ENGINE") == "1";

    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public static string Example(string name) => Path.Combine(RepositoryRoot, "examples", name);

    /// <summary>A fresh temp folder for one test.</summary>
    public static string TempDirectory(string purpose) => Directory.CreateTempSubdirectory($"mc-{purpose}-").FullName;

    /// <summary>Copies a folder (e.g. an example) so a test can change it.</summary>
    public static string CopyOf(string source, string purpose)
    {
        var target = TempDirectory(purpose);
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(source, file);
            if (relative.Split(Path.DirectorySeparatorChar)[0] is "artifacts" or ".cake" or "tools") continue;
            var destination = Path.Combine(target, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }
        return target;
    }

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            if (File.Exists(Path.Combine(directory.FullName, "MiniContainer.sln"))) return directory.FullName;
        throw new InvalidOperationException($"MiniContainer.sln not found above {AppContext.BaseDirectory}");
    }
}
