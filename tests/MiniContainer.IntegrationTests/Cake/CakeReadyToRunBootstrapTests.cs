using System.Reflection.PortableExecutable;
using MiniContainer.IntegrationTests.Fixtures;

namespace MiniContainer.IntegrationTests.Cake;

/// <summary>hello's build.sh runs Cake from a ReadyToRun copy of the pinned Cake.Tool, compiled once into tools/ (not where CI is set).</summary>
public sealed class CakeReadyToRunBootstrapTests
{
    // bash -x: the bootstrapper's exec line says which Cake.dll it ran.
    private static ProcessRunner.Result BuildSh(ConsumerRepository repository, Dictionary<string, string> environment) =>
        ProcessRunner.Run("bash", ["-x", "build.sh", "--description"], repository.Directory,
            new Dictionary<string, string>(environment) { ["NO_COLOR"] = "1", ["TERM"] = "dumb" }, timeoutSeconds: 600);

    private static bool IsReadyToRun(string assembly)
    {
        using var pe = new PEReader(File.OpenRead(assembly));
        return pe.PEHeaders.CorHeader!.ManagedNativeHeaderDirectory.Size > 0;
    }

    [Fact]
    public void Cake_runs_from_a_ReadyToRun_copy_compiled_once_per_Cake_version()
    {
        using var repository = ConsumerRepository.CopyOf("hello");
        var copy = Path.Combine(repository.Directory, "tools", "cake-readytorun", "7.0.0-linux-x64");

        var first = BuildSh(repository, new() { ["CAKE_READYTORUN"] = "true", ["CI"] = "" });
        var second = BuildSh(repository, new() { ["CAKE_READYTORUN"] = "true", ["CI"] = "" });

        first.ExitCode.ShouldBe(0, first.StandardError);
        first.StandardError.ShouldContain("compiling Cake 7.0.0 ReadyToRun into tools/ once");
        IsReadyToRun(Path.Combine(copy, "Cake.dll")).ShouldBeTrue();
        IsReadyToRun(Path.Combine(copy, "Cake.Core.dll")).ShouldBeTrue();
        IsReadyToRun(Path.Combine(copy, "Spectre.Console.dll")).ShouldBeTrue();
        second.ExitCode.ShouldBe(0, second.StandardError);
        second.StandardError.ShouldNotContain("compiling Cake");
        second.StandardError.ShouldContain($"exec dotnet {copy}/Cake.dll build.cake");
        second.StandardOutput.ShouldContain("GoCompile"); // the recipe's tasks, described by that Cake
        Directory.EnumerateDirectories(Path.GetDirectoryName(copy)!, ".staging.*").ShouldBeEmpty();
    }

    [Fact]
    public void Where_CI_is_set_Cake_runs_as_the_package_ships_it_unless_asked()
    {
        using var repository = ConsumerRepository.CopyOf("hello");

        var run = BuildSh(repository, new() { ["CI"] = "true", ["CAKE_READYTORUN"] = "" });

        run.ExitCode.ShouldBe(0, run.StandardError);
        run.StandardError.ShouldNotContain("compiling Cake");
        run.StandardError.ShouldContain("/cake.tool/7.0.0/tools/net10.0/any/Cake.dll build.cake");
        Directory.Exists(Path.Combine(repository.Directory, "tools", "cake-readytorun")).ShouldBeFalse();
    }
}
