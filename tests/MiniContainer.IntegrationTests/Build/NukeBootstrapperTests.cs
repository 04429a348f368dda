using MiniContainer.IntegrationTests.Fixtures;

namespace MiniContainer.IntegrationTests.Build;

/// <summary>
/// examples/nuke-hello's bootstrappers (build.sh, and build.ps1 under the pinned pwsh as CI runners start it) run
/// for real on a stand-in build project, a console program that prints its arguments: the machine has no NUKE,
/// and what is tested (build only when an input changed, say nothing on success, pass arguments unchanged) is
/// the bootstrapper's alone. The stand-in counts its builds in builds.log.
/// </summary>
public sealed class NukeBootstrapperTests : IDisposable
{
    private static readonly Dictionary<string, string> Plain = new() { ["NO_COLOR"] = "1", ["TERM"] = "dumb" };

    private readonly StandInBuild build = new();

    public void Dispose() => build.Dispose();

    public static TheoryData<string> Hosts => ["bash build.sh", "pwsh ./build.ps1", "pwsh -File ./build.ps1"];

    [Fact]
    public void A_second_run_with_nothing_changed_runs_the_built_program_without_building_it()
    {
        var first = build.Run("bash build.sh", "Show");
        var second = build.Run("bash build.sh", "Show");

        first.ExitCode.ShouldBe(0, first.Output);
        second.ExitCode.ShouldBe(0, second.Output);
        second.StandardOutput.ShouldContain("arg [Show]");
        build.Builds.ShouldBe(1);
    }

    [Fact]
    public void A_successful_build_prints_only_what_the_build_program_prints()
    {
        var run = build.Run("bash build.sh", "Show");

        run.ExitCode.ShouldBe(0, run.Output);
        run.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).ShouldBe(["version 1", "arg [Show]"]);
        build.Builds.ShouldBe(1);
    }

    [Fact]
    public void An_edited_build_file_is_built_before_it_runs()
    {
        build.Run("bash build.sh").ExitCode.ShouldBe(0);
        build.WriteProgram(version: 2);

        var run = build.Run("bash build.sh");

        run.ExitCode.ShouldBe(0, run.Output);
        run.StandardOutput.ShouldContain("version 2");
        build.Builds.ShouldBe(2);
    }

    [Fact]
    public void A_package_packed_again_into_a_local_source_is_restored_and_built()
    {
        // What Pack does: the same file name (id and version), new content, in the folder nuget.config names.
        build.WritePackage("first");
        build.Run("bash build.sh").ExitCode.ShouldBe(0);
        build.WritePackage("packed again");

        build.Run("bash build.sh").ExitCode.ShouldBe(0);
        build.Run("bash build.sh").ExitCode.ShouldBe(0);

        build.Builds.ShouldBe(2);
    }

    [Fact]
    public void A_failed_build_leaves_no_stamp_so_the_next_run_builds_again_instead_of_running_the_last_good_program()
    {
        build.Run("bash build.sh").ExitCode.ShouldBe(0);
        File.WriteAllText(build.Program, "int broken = \"text\";\n");

        var failed = build.Run("bash build.sh");
        var again = build.Run("bash build.sh");

        failed.ExitCode.ShouldNotBe(0);
        failed.StandardOutput.ShouldContain("error CS0029");
        File.Exists(build.Stamp).ShouldBeFalse();
        again.ExitCode.ShouldNotBe(0, again.Output);
        again.StandardOutput.ShouldContain("error CS0029");
        again.StandardOutput.ShouldNotContain("version 1");
    }

    [Theory]
    [MemberData(nameof(Hosts))]
    public void Every_argument_reaches_the_build_unchanged_whether_it_was_built_or_not(string host)
    {
        // NUKE's forms: '--name value', with ':' and '=' in values; a value ending in ':' and an empty one are the worst cases for pwsh.
        string[] arguments = ["PublishImage", "--registry", "127.0.0.1:5000", "--builder-image", "minicontainer-testbed/go-builder:latest",
            "--equation=a=b", "-v:normal", "two words", "C:", "", "after"];

        var built = build.Run(host, arguments);
        var notBuilt = build.Run(host, arguments);

        built.ExitCode.ShouldBe(0, built.Output);
        notBuilt.ExitCode.ShouldBe(0, notBuilt.Output);
        string[] expected = ["version 1", .. arguments.Select(argument => $"arg [{argument}]")];
        built.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).ShouldBe(expected);
        notBuilt.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).ShouldBe(expected);
        build.Builds.ShouldBe(1);
    }

    [Fact]
    public void Build_sh_and_build_ps1_each_run_what_the_other_built()
    {
        build.WritePackage("first");
        build.Run("bash build.sh").ExitCode.ShouldBe(0);
        build.Run("pwsh -File ./build.ps1").ExitCode.ShouldBe(0);
        build.WriteProgram(version: 2);
        build.Run("pwsh -File ./build.ps1").ExitCode.ShouldBe(0);

        var run = build.Run("bash build.sh");

        run.StandardOutput.ShouldContain("version 2");
        build.Builds.ShouldBe(2);
    }

    /// <summary>
    /// A folder laid out as examples/nuke-hello (its build.sh, build.ps1 and build/Directory.Build.*, a nuget.config
    /// with a local source) whose build/_build.csproj is a console program that prints its arguments.
    /// </summary>
    private sealed class StandInBuild : IDisposable
    {
        private readonly string root = TestBed.TempDirectory("nuke-bootstrapper");

        public string Program => Path.Combine(root, "build", "Build.cs");

        public string Stamp => Path.Combine(root, ".nuke", "temp", "build-project.stamp");

        public int Builds => File.Exists(BuildLog) ? File.ReadAllLines(BuildLog).Length : 0;

        private string BuildLog => Path.Combine(root, "builds.log");

        public StandInBuild()
        {
            var example = TestBed.Example("nuke-hello");
            foreach (var file in new[] { "build.sh", "build.ps1", "build/Directory.Build.props", "build/Directory.Build.targets" })
                Copy(Path.Combine(example, file), file);
            // The pinned pwsh, for 'dotnet tool run pwsh'.
            Copy(Path.Combine(TestBed.Example("hello"), ".config", "dotnet-tools.json"), ".config/dotnet-tools.json");
            File.WriteAllText(Path.Combine(root, "nuget.config"), """
                <?xml version="1.0" encoding="utf-8"?>
                <configuration>
                  <packageSources>
                    <add key="local" value="feed/" />
                  </packageSources>
                </configuration>
                """);
            Directory.CreateDirectory(Path.Combine(root, "feed"));
            File.WriteAllText(Path.Combine(root, "build", "_build.csproj"), """
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup>
                    <OutputType>Exe</OutputType>
                    <TargetFramework>net10.0</TargetFramework>
                  </PropertyGroup>
                  <Target Name="CountBuild" AfterTargets="Build">
                    <WriteLinesToFile File="$(MSBuildProjectDirectory)/../builds.log" Lines="built" />
                  </Target>
                </Project>
                """);
            WriteProgram(version: 1);
        }

        public void WriteProgram(int version) => File.WriteAllText(Program, $$"""
            System.Console.WriteLine("version {{version}}");
            foreach (var argument in args) System.Console.WriteLine($"arg [{argument}]");
            """);

        public void WritePackage(string content) => File.WriteAllText(Path.Combine(root, "feed", "MiniContainer.Nuke.0.1.0.nupkg"), content);

        public ProcessRunner.Result Run(string host, params string[] arguments)
        {
            var (fileName, prefix) = host switch
            {
                "bash build.sh" => ("bash", new[] { "build.sh" }),
                "pwsh ./build.ps1" => ("dotnet", new[] { "tool", "run", "pwsh", "-NoProfile", "./build.ps1" }),
                "pwsh -File ./build.ps1" => ("dotnet", new[] { "tool", "run", "pwsh", "-NoProfile", "-File", "./build.ps1" }),
                _ => throw new ArgumentOutOfRangeException(nameof(host), host, null),
            };
            return ProcessRunner.Run(fileName, [.. prefix, .. arguments], root, Plain, timeoutSeconds: 300);
        }

        public void Dispose() => Directory.Delete(root, recursive: true);

        private void Copy(string source, string relative)
        {
            var destination = Path.Combine(root, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(source, destination);
        }
    }
}
