using System.Diagnostics;
using MiniContainer.Go;
using MiniContainer.Go.Builders;

namespace MiniContainer.Tests.Go.Builders;

public sealed class BuilderEnvironmentFileTests
{
    [Theory]
    [InlineData("https://ci-bot:token@proxy.example.invalid,off")]
    [InlineData("it's $(touch /tmp/never) `id` $HOME \\n \"quoted\"")]
    [InlineData("two\nlines")]
    [InlineData("")]
    public void A_shell_that_reads_the_file_gets_each_value_exactly_and_runs_nothing_in_it(string value)
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllBytes(file, BuilderEnvironmentFile.Content(new GoInvocation(["go", "build"], new Dictionary<string, string> { ["GOPROXY"] = value, ["CGO_ENABLED"] = "1" })));
            var shell = Process.Start(new ProcessStartInfo("sh", ["-c", $". {file} && printf '%s|%s' \"$GOPROXY\" \"$CGO_ENABLED\""]) { RedirectStandardOutput = true })!;
            var output = shell.StandardOutput.ReadToEnd();
            shell.WaitForExit();

            shell.ExitCode.ShouldBe(0);
            output.ShouldBe(value + "|1");
            File.Exists("/tmp/never").ShouldBeFalse();
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void The_command_reads_and_removes_the_file_then_runs_the_go_command_in_place_of_the_shell()
    {
        var command = BuilderEnvironmentFile.Command(new GoInvocation(["go", "build", "-o", "/out/app", "."], new Dictionary<string, string>()));

        command.Take(2).ShouldBe(["sh", "-c"]);
        command[2].ShouldContain($". {BuilderEnvironmentFile.PathInContainer} || exit 125");
        command[2].ShouldContain($"rm -f {BuilderEnvironmentFile.PathInContainer}");
        command[2].ShouldEndWith("exec \"$@\"");
        command.Skip(3).ShouldBe(["sh", "go", "build", "-o", "/out/app", "."]);
    }
}
