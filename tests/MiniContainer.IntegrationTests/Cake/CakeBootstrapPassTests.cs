using System.Text.RegularExpressions;
using MiniContainer.IntegrationTests.Fixtures;

namespace MiniContainer.IntegrationTests.Cake;

/// <summary>
/// The bootstrappers skip Cake's bootstrap pass (which only installs #module modules) when it has nothing to do, and let it
/// run whenever a module might be named. Cake says "Looking for modules..." at diagnostic verbosity only when the pass runs.
/// </summary>
public sealed class CakeBootstrapPassTests
{
    private const string PassRan = "Looking for modules...";

    private static ConsumerRepository GitRepository()
    {
        var repository = ConsumerRepository.CopyOf("hello");
        Git(repository, "init", "-q", ".");
        Git(repository, "add", "-A");
        return repository;
    }

    private static void Git(ConsumerRepository repository, params string[] arguments)
    {
        var git = ProcessRunner.Run("git", arguments, repository.Directory);
        git.ExitCode.ShouldBe(0, git.Output);
    }

    /// <summary>A dry run: the script compiled with the recipe loaded and its graph walked, no task run (it bootstraps; --description does not).</summary>
    private static ProcessRunner.Result DryRun(ConsumerRepository repository, IDictionary<string, string>? environment = null)
    {
        var run = repository.BuildSh(environment, "--dryrun", "--verbosity=diagnostic");
        run.ExitCode.ShouldBe(0, run.Output);
        run.StandardOutput.ShouldContain("ComposeImage");
        return run;
    }

    [Fact]
    public void In_a_git_work_tree_the_pass_runs_until_the_loaded_package_is_installed_and_is_skipped_after()
    {
        using var repository = GitRepository();

        var first = DryRun(repository);
        var second = DryRun(repository);
        var third = DryRun(repository, new Dictionary<string, string> { ["CAKE_SKIP_BOOTSTRAP"] = "false" });

        first.Output.ShouldContain(PassRan, customMessage: "the recipe's package was not installed yet: its scripts might name a module");
        second.Output.ShouldNotContain(PassRan);
        third.Output.ShouldContain(PassRan, customMessage: "CAKE_SKIP_BOOTSTRAP=false keeps the pass");
    }

    [Theory]
    [InlineData("modules.cake", "#module nuget:?package=Cake.Some.Module&version=1.0.0")]
    [InlineData("tools/Cake.Some.Recipe.1.0.0/content/recipe.cake", "  #module \"nuget:?package=Cake.Some.Module\"")]
    [InlineData("more.cake", "#load \"nuget:?package=Cake.Other.Recipe&version=2.0.0\"")]
    [InlineData("build/Nested Folder/more.cake", "#l nuget:?package=Cake.Other.Recipe")]
    public void The_pass_runs_when_a_script_names_a_module_or_loads_a_package_not_installed_yet(string file, string line)
    {
        using var repository = GitRepository();
        DryRun(repository); // installs the recipe's package
        var path = Path.Combine(repository.Directory, file);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        // A new file git does not ignore (tools/ is ignored, but a package's scripts there are read too); build.cake loads none of them.
        File.WriteAllText(path, $"// {file}\n{line}\n");

        DryRun(repository).Output.ShouldContain(PassRan);
        File.Delete(path);
        DryRun(repository).Output.ShouldNotContain(PassRan);
    }

    [Theory]
    [InlineData("build.sh")]
    [InlineData("build.ps1")]
    public void Every_Cake_examples_bootstrapper_decides_the_pass_with_the_same_block_as_hellos_which_these_tests_run(string bootstrapper)
    {
        string[] examples = ["hello", "https-client", "multi-cmd"];

        var blocks = examples.Select(example =>
        {
            var match = Regex.Match(File.ReadAllText(Path.Combine(TestBed.Example(example), bootstrapper)),
                @"# --- Cake's bootstrap pass .*?# --- end of the bootstrap pass ---", RegexOptions.Singleline);
            match.Success.ShouldBeTrue($"examples/{example}/{bootstrapper} has no bootstrap-pass block");
            return match.Value;
        }).ToList();

        blocks.ShouldAllBe(block => block == blocks[0]);
    }

    [Fact]
    public void Outside_a_git_work_tree_the_pass_always_runs()
    {
        using var repository = ConsumerRepository.CopyOf("hello");

        DryRun(repository);

        DryRun(repository).Output.ShouldContain(PassRan);
    }

    [Fact]
    public void Build_ps1_skips_the_pass_as_build_sh_does_and_runs_it_for_a_module()
    {
        using var repository = GitRepository();
        DryRun(repository);

        var skipped = repository.BuildPs1("--dryrun", "--verbosity=diagnostic");
        File.WriteAllText(Path.Combine(repository.Directory, "modules.cake"), "#module nuget:?package=Cake.Some.Module&version=1.0.0\n");
        var ran = repository.BuildPs1("--dryrun", "--verbosity=diagnostic");

        skipped.ExitCode.ShouldBe(0, skipped.Output);
        skipped.StandardOutput.ShouldContain("ComposeImage");
        skipped.Output.ShouldNotContain(PassRan);
        ran.ExitCode.ShouldBe(0, ran.Output);
        ran.Output.ShouldContain(PassRan);
    }
}
