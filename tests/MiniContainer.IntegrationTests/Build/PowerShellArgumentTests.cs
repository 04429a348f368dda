using System.Text.RegularExpressions;
using MiniContainer.IntegrationTests.Fixtures;

namespace MiniContainer.IntegrationTests.Build;

/// <summary>
/// build.ps1 started as CI runners start it (pwsh from bash or cmd, with or without -File) and as people do
/// (-Command, a prompt): every argument reaches Cake as given. Real pwsh 7 (the pinned tool) and real Cake:
/// the split happens in pwsh's own handling of a script's command line.
/// </summary>
public sealed class PowerShellArgumentTests(PowerShellArgumentTests.ArgumentEcho echo) : IClassFixture<PowerShellArgumentTests.ArgumentEcho>
{
    private static readonly Dictionary<string, string> Plain = new() { ["NO_COLOR"] = "1", ["TERM"] = "dumb" };

    // What runners pass: image:tag, host:port, '=' in a value, spaces, quotes, '$', Windows paths; a value
    // ending in ':' is the worst case, as pwsh -File then takes the next argument for its value.
    private static readonly (string Name, string Value)[] Values =
    [
        ("builder-image", "minicontainer-testbed/go-builder:latest"),
        ("registry", "127.0.0.1:5000"),
        ("equation", "a=b"),
        ("spaced", "two words"),
        ("quoted", "say \"hi\" 'there'"),
        ("dollar", "$HOME"),
        ("windows-path", @"C:\dir\"),
        ("drive", "C:"),
        ("after", "1"),
    ];

    // Cake's own option in its colon form: PowerShell's '-name:value' syntax, were it applied, would split it.
    private const string Verbosity = "-v:normal";

    public static TheoryData<string> Starts => ["pwsh ./build.ps1", "pwsh -File ./build.ps1", "pwsh -Command ./build.ps1", "pwsh -Command & ./build.ps1"];

    [Theory]
    [MemberData(nameof(Starts))]
    public void The_example_bootstrapper_passes_every_argument_to_Cake_unchanged(string start)
    {
        var run = Pwsh(start, echo.Directory, ["Show", .. Values.Select(value => $"--{value.Name}={value.Value}"), Verbosity]);

        run.ExitCode.ShouldBe(0, run.Output);
        run.StandardOutput.Split('\n').Select(line => line.TrimEnd('\r')).Where(line => line.StartsWith("argument "))
            .ShouldBe(["argument target=[Show]", .. Values.Select(value => $"argument {value.Name}=[{value.Value}]")], ignoreOrder: true);
    }

    [Theory]
    [MemberData(nameof(Starts))]
    public void The_repository_bootstrapper_passes_an_image_with_a_tag_to_Cake_unchanged(string start)
    {
        var run = Pwsh(start, TestBed.RepositoryRoot, ["Info", "--configuration=minicontainer-testbed/go-builder:latest", Verbosity]);

        run.ExitCode.ShouldBe(0, run.Output);
        run.StandardOutput.ShouldContain("configuration: minicontainer-testbed/go-builder:latest");
    }

    [Fact]
    public void Every_build_ps1_reads_its_arguments_with_the_same_block()
    {
        string[] copies = ["build.ps1", .. Directory.GetFiles(Path.Combine(TestBed.RepositoryRoot, "examples"), "build.ps1", SearchOption.AllDirectories)];

        var blocks = copies.Select(copy => ArgumentBlock(Path.Combine(TestBed.RepositoryRoot, copy))).ToList();

        copies.Length.ShouldBe(5);
        blocks[0].ShouldContain("GetCommandLineArgs");
        blocks.ShouldAllBe(block => block == blocks[0]);
    }

    private static string ArgumentBlock(string script)
    {
        var match = Regex.Match(File.ReadAllText(script), @"# --- The arguments as the caller gave them.*?# --- end of the arguments ---", RegexOptions.Singleline);
        match.Success.ShouldBeTrue($"{script} has no argument block");
        return match.Value;
    }

    private static ProcessRunner.Result Pwsh(string start, string directory, string[] arguments)
    {
        string[] host = start switch
        {
            "pwsh ./build.ps1" => ["./build.ps1", .. arguments],
            "pwsh -File ./build.ps1" => ["-File", "./build.ps1", .. arguments],
            "pwsh -Command ./build.ps1" => ["-Command", "./build.ps1 " + string.Join(' ', arguments.Select(AsTyped))],
            "pwsh -Command & ./build.ps1" => ["-Command", "& ./build.ps1 " + string.Join(' ', arguments.Select(AsTyped))],
            _ => throw new ArgumentOutOfRangeException(nameof(start), start, null),
        };
        return ProcessRunner.Run("dotnet", ["tool", "run", "pwsh", "-NoProfile", .. host], directory, Plain, timeoutSeconds: 300);
    }

    // As a person types an argument at a PowerShell prompt: bare where PowerShell reads it as one word, else quoted.
    private static string AsTyped(string argument) =>
        Regex.IsMatch(argument, @"^[\w\-=:./\\]+$") ? argument : "'" + argument.Replace("'", "''") + "'";

    /// <summary>A copy of examples/hello whose build.cake prints every argument Cake received.</summary>
    public sealed class ArgumentEcho : IDisposable
    {
        public string Directory { get; } = TestBed.CopyOf(TestBed.Example("hello"), "pwsh-arguments");

        public ArgumentEcho() => File.WriteAllText(Path.Combine(Directory, "build.cake"), """
            foreach (var argument in Context.Arguments.GetArguments())
                foreach (var value in argument.Value)
                    Information("argument {0}=[{1}]", argument.Key, value);
            """);

        public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
    }
}
