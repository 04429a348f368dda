using Cake.MiniContainer.Recipe;
using Cake.MiniContainer.SmokeTest;
using MiniContainer.Pipeline;

namespace Cake.MiniContainer.Tests.Recipe;

public class MiniContainerSettingsTests
{
    [Fact]
    public void A_binary_gets_its_own_smoke_test_else_the_scripts_default_as_the_cores_spec()
    {
        var settings = new MiniContainerSettings
        {
            SmokeTest = new SmokeTestSettings { ExpectedOutput = "hello" },
            SmokeTests = { ["api"] = new SmokeTestSettings { Port = 8080, Path = "/health", Arguments = ["-addr=127.0.0.1:8080"] } },
        };

        var api = settings.SmokeTestFor("api").ShouldNotBeNull();
        api.Server.ShouldNotBeNull().Port.ShouldBe(8080);
        api.Server.Path.ShouldBe("/health");
        api.Arguments.ShouldBe(["-addr=127.0.0.1:8080"]);
        settings.SmokeTestFor("greet").ShouldNotBeNull().ExpectedOutput.ShouldBe("hello");
        new MiniContainerSettings().SmokeTestFor("greet").ShouldBeNull();
    }

    [Fact]
    public void A_wrong_value_in_the_script_is_named_as_Cake_users_write_it()
    {
        var error = Should.Throw<PipelineArgumentException>(() => MiniContainerPipeline.Resolve(
            new MiniContainerSettings { Engine = "podman" }, DictionaryArgumentSource.Empty, _ => null, Path.GetTempPath()));

        error.Message.ShouldStartWith("MiniContainer.Settings (--engine): 'podman' is not an engine choice");
    }

    [Fact]
    public void A_port_out_of_range_is_refused_when_the_spec_is_made()
    {
        Should.Throw<ArgumentException>(() => new SmokeTestSettings { Port = 70000 }.ToSpec()).Message.ShouldContain("70000");
    }
}
