using MiniContainer.IntegrationTests.Fixtures;

namespace MiniContainer.IntegrationTests.Build;

/// <summary>The repository's own bootstrappers, run for real: bash, and PowerShell 7 (the pinned .NET tool).</summary>
public class BootstrapperTests
{
    private static readonly Dictionary<string, string> Plain = new() { ["NO_COLOR"] = "1", ["TERM"] = "dumb" };

    private static ProcessRunner.Result BuildSh(params string[] arguments) =>
        ProcessRunner.Run("bash", ["build.sh", .. arguments], TestBed.RepositoryRoot, Plain, timeoutSeconds: 300);

    [Fact]
    public void Build_sh_runs_the_named_target_with_its_arguments()
    {
        var run = BuildSh("Info", "--configuration=Debug");

        run.ExitCode.ShouldBe(0, run.Output);
        run.StandardOutput.ShouldContain("configuration: Debug");
        run.StandardOutput.ShouldContain($"root: {TestBed.RepositoryRoot}");
    }

    [Fact]
    public void Build_sh_restores_Cake_Tool_that_is_in_the_NuGet_folder_but_was_never_restored_as_a_tool()
    {
        // The solution's build downloads the Cake.Tool package (the addin compiles against its Cake.Core),
        // but only 'dotnet tool restore' writes the resolver cache 'dotnet cake' needs: a fresh CLI home has none.
        var cliHome = Directory.CreateTempSubdirectory("mc-cli-home-").FullName;
        var packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } set
            ? set
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        try
        {
            var environment = new Dictionary<string, string>(Plain) { ["DOTNET_CLI_HOME"] = cliHome, ["NUGET_PACKAGES"] = packages };

            var run = ProcessRunner.Run("bash", ["build.sh", "Info"], TestBed.RepositoryRoot, environment, timeoutSeconds: 300);

            run.ExitCode.ShouldBe(0, run.Output);
            run.StandardOutput.ShouldContain($"root: {TestBed.RepositoryRoot}");
            Directory.GetFiles(Path.Combine(cliHome, ".dotnet", "toolResolverCache"), "cake.tool", SearchOption.AllDirectories).ShouldNotBeEmpty();
        }
        finally
        {
            Directory.Delete(cliHome, recursive: true);
        }
    }

    [Fact]
    public void Build_ps1_runs_under_PowerShell_7_with_the_same_arguments()
    {
        var run = ProcessRunner.Run("dotnet", ["tool", "run", "pwsh", "-NoProfile", "-File", "./build.ps1", "Info", "--configuration=Debug"],
            TestBed.RepositoryRoot, Plain, timeoutSeconds: 300);

        run.ExitCode.ShouldBe(0, run.Output);
        run.StandardOutput.ShouldContain("configuration: Debug");
    }

    [Fact]
    public void An_environment_variable_sets_an_argument_and_the_argument_wins_over_it()
    {
        var environment = new Dictionary<string, string>(Plain) { ["MINICONTAINER_CONFIGURATION"] = "Staging" };

        var fromEnvironment = ProcessRunner.Run("bash", ["build.sh", "Info"], TestBed.RepositoryRoot, environment, 300);
        var fromArgument = ProcessRunner.Run("bash", ["build.sh", "Info", "--configuration=Debug"], TestBed.RepositoryRoot, environment, 300);

        fromEnvironment.StandardOutput.ShouldContain("configuration: Staging");
        fromArgument.StandardOutput.ShouldContain("configuration: Debug");
    }

    [Fact]
    public void An_unknown_target_fails_and_says_so()
    {
        var run = BuildSh("NoSuchTarget");

        run.ExitCode.ShouldNotBe(0);
        run.Output.ShouldContain("The target 'NoSuchTarget' was not found.");
    }
}
