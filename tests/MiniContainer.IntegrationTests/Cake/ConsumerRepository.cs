using MiniContainer.IntegrationTests.Fixtures;

namespace MiniContainer.IntegrationTests.Cake;

/// <summary>
/// An example copied to a temp folder, as a user's repository with Cake.MiniContainer on its feed:
/// its nuget.config points at this repository's artifacts/packages (written by ./build.sh Pack).
/// Runs its own bootstrapper, so the real Cake.Tool loads the real package.
/// </summary>
public sealed class ConsumerRepository : IDisposable
{
    public static string Packages => Path.Combine(TestBed.RepositoryRoot, "artifacts", "packages");

    private ConsumerRepository(string directory) => Directory = directory;

    public string Directory { get; }

    public string Artifacts => Path.Combine(Directory, "artifacts");

    /// <summary>The local test images, named through arguments as a user names their own.</summary>
    public static string[] TestImages =>
        [$"--builder-image={TestBed.BuilderImage}", $"--base-image={TestBed.AlpineImage}"];

    public static ConsumerRepository CopyOf(string example)
    {
        File.Exists(Path.Combine(Packages, "Cake.MiniContainer.0.1.0.nupkg"))
            .ShouldBeTrue($"Cake.MiniContainer is not packed in {Packages}: run ./build.sh Pack (Test depends on it).");
        var directory = TestBed.CopyOf(TestBed.Example(example), $"cake-{example}");
        File.WriteAllText(Path.Combine(directory, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="minicontainer-local" value="{Packages}" />
              </packageSources>
            </configuration>
            """);
        return new ConsumerRepository(directory);
    }

    public ProcessRunner.Result BuildSh(IDictionary<string, string>? environment, params string[] arguments) =>
        ProcessRunner.Run("bash", ["build.sh", .. arguments], Directory, Plain(environment), timeoutSeconds: 600);

    public ProcessRunner.Result BuildPs1(params string[] arguments) =>
        ProcessRunner.Run("dotnet", ["tool", "run", "pwsh", "-NoProfile", "-File", "./build.ps1", .. arguments], Directory, Plain(null), timeoutSeconds: 600);

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    /// <summary>The variables every test run of a consumer's bootstrapper gets, then <paramref name="environment"/>'s.</summary>
    public static Dictionary<string, string> Plain(IDictionary<string, string>? environment)
    {
        // Each test's copy would compile Cake ReadyToRun for itself (a minute of CPU): CakeReadyToRunBootstrapTests does it once.
        // No build server unless a test asks (BuildServerRecipeTests): each test's environment would start one that outlives it.
        var plain = new Dictionary<string, string>
        {
            ["NO_COLOR"] = "1", ["TERM"] = "dumb", ["CAKE_SETTINGS_SHOWPROCESSCOMMANDLINE"] = "false", ["CAKE_READYTORUN"] = "false",
            ["MINICONTAINER_BUILD_SERVER"] = "false",
        };
        if (environment is not null)
            foreach (var (name, value) in environment) plain[name] = value;
        return plain;
    }
}
