using MiniContainer.BuildServer;
using MiniContainer.Pipeline;
using Shouldly;
using Xunit;

namespace MiniContainer.Tests.BuildServer;

public class BuildServerSettingsTests
{
    private static BuildServerSettings Resolve(Dictionary<string, string>? arguments = null, Dictionary<string, string>? environment = null) =>
        PipelineSettingsResolver.BuildServer(new DictionaryArgumentSource(arguments ?? []), name => environment?.GetValueOrDefault(name));

    [Fact]
    public void A_person_s_build_uses_a_build_server_and_a_CI_job_does_not()
    {
        Resolve().Enabled.ShouldBeTrue();
        Resolve(environment: new() { ["CI"] = "true" }).Enabled.ShouldBeFalse();
        Resolve(environment: new() { ["CI"] = "" }).Enabled.ShouldBeTrue();
    }

    [Fact]
    public void The_argument_wins_over_the_variable_which_wins_over_CI()
    {
        Resolve(environment: new() { ["CI"] = "true", ["MINICONTAINER_BUILD_SERVER"] = "true" }).Enabled.ShouldBeTrue();
        Resolve(new() { ["build-server"] = "false" }, new() { ["MINICONTAINER_BUILD_SERVER"] = "true" }).Enabled.ShouldBeFalse();
    }

    [Fact]
    public void The_idle_timeout_is_ten_minutes_unless_set()
    {
        Resolve().IdleTimeout.ShouldBe(TimeSpan.FromMinutes(10));
        Resolve(new() { ["build-server-idle-timeout"] = "90s" }).IdleTimeout.ShouldBe(TimeSpan.FromSeconds(90));
    }

    [Fact]
    public void A_wrong_value_names_the_argument()
    {
        Should.Throw<PipelineArgumentException>(() => Resolve(new() { ["build-server"] = "maybe" })).Message.ShouldContain("--build-server=maybe");
        Should.Throw<PipelineArgumentException>(() => Resolve(environment: new() { ["MINICONTAINER_BUILD_SERVER_IDLE_TIMEOUT"] = "soon" })).Message.ShouldContain("MINICONTAINER_BUILD_SERVER_IDLE_TIMEOUT");
    }

    [Fact]
    public void A_secret_given_on_the_command_line_goes_to_the_server_as_a_mark_not_its_value()
    {
        var request = new BuildServerStepRequest("GoCompile", new PipelineScript(),
            new DictionaryArgumentSource(new Dictionary<string, string> { ["go-git-token"] = "s3cret", ["registry"] = "127.0.0.1:5000", ["target"] = "Publish" }),
            _ => null, "/src", "/server.dll");
        var values = request.ArgumentValues();
        values["registry"].ShouldBe("127.0.0.1:5000");
        values["target"].ShouldBe("");
        values["go-git-token"].ShouldNotContain("s3cret");
        values["go-git-token"].ShouldNotBeEmpty("given, so the server refuses it as this process would");
    }

    [Fact]
    public void The_server_starts_detached_from_the_build_s_terminal_and_output()
    {
        var line = BuildServerLauncher.CommandLine("/usr/bin/dotnet", "/pkg/tools/build-server/MiniContainer.BuildServer.dll", "/run/user/1/minicontainer/servers/server-0.1.0-abc.sock",
            new BuildServerIdentity("0.1.0", "c0de", "abc"), TimeSpan.FromMinutes(10));
        line[0].ShouldBe("-c");
        line[1].ShouldContain("</dev/null");
        line[1].ShouldContain("trap '' INT HUP");
        line[3].ShouldBe("/run/user/1/minicontainer/servers/server-0.1.0-abc.log");
        line.ShouldContain("--idle-timeout");
        line[^1].ShouldBe("600");
    }
}
