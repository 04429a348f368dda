using ELFSharp.ELF;
using MiniContainer.IntegrationTests.Fixtures;

namespace MiniContainer.IntegrationTests.Cake;

/// <summary>--build-tags, --variables with version placeholders, --builder-env, --go-ldflags and the default -s, through the real Cake.Tool, read back from the binary.</summary>
[Collection(EngineCollection.Name)]
public sealed class GoBuildSettingsRecipeTests
{
    private static void Git(ConsumerRepository repository, params string[] arguments)
    {
        var git = ProcessRunner.Run("git", ["-c", "user.name=Test", "-c", "user.email=test@example.invalid", .. arguments], repository.Directory);
        git.ExitCode.ShouldBe(0, git.Output);
    }

    [EngineFact]
    public void Tags_templated_variables_builder_env_and_ldflags_reach_the_binary_and_only_a_changed_flag_rebuilds()
    {
        using var repository = ConsumerRepository.CopyOf("hello");
        Git(repository, "init", "-q", "-b", "trunk");
        Git(repository, "add", "-A");
        Git(repository, "commit", "-q", "-m", "hello");
        Git(repository, "tag", "v1.4.0");
        string[] arguments = ["VerifyBinary", .. ConsumerRepository.TestImages, "--build-tags=netgo,osusergo",
            "--variables=main.version={Version}+{Branch}.{ShortCommit}", "--builder-env=GOEXPERIMENT=fieldtrack"];
        var shortCommit = ProcessRunner.Run("git", ["rev-parse", "--short", "HEAD"], repository.Directory).StandardOutput.Trim();
        var binary = Path.Combine(repository.Artifacts, "bin", "hello");

        var first = repository.BuildSh(null, arguments);

        first.ExitCode.ShouldBe(0, first.Output);
        var buildInfo = ProcessRunner.Run("go", ["version", "-m", binary]);
        buildInfo.StandardOutput.ShouldContain("build\t-tags=netgo,osusergo");
        buildInfo.StandardOutput.ShouldContain("build\tGOEXPERIMENT=fieldtrack");
        // Go leaves -ldflags out of the build info under -trimpath: -X shows in the program's own output, -s in the ELF.
        ProcessRunner.Run(binary, ["-version"]).StandardOutput.ShouldStartWith($"hello v1.4.0+trunk.{shortCommit} (go1.");
        SectionNames(binary).ShouldNotContain(".symtab");
        first.Output.ShouldNotContain("debug sections");

        var again = repository.BuildSh(null, arguments);

        again.ExitCode.ShouldBe(0, again.Output);
        again.StandardOutput.ShouldContain("Compile: up to date");

        var overridden = repository.BuildSh(null, [.. arguments, "--go-ldflags=-X main.version=from-ldflags"]);

        overridden.ExitCode.ShouldBe(0, overridden.Output);
        overridden.StandardOutput.ShouldNotContain("Compile: up to date");
        ProcessRunner.Run(binary, ["-version"]).StandardOutput.ShouldStartWith("hello from-ldflags (go1.");
    }

    private static List<string> SectionNames(string path)
    {
        using var elf = ELFReader.Load(path);
        return elf.Sections.Select(s => s.Name).ToList();
    }
}
