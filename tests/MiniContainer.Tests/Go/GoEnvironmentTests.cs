using MiniContainer.Go;
using MiniContainer.Go.Builders;

namespace MiniContainer.Tests.Go;

public class GoEnvironmentTests
{
    [Fact]
    public void Host_go_settings_pass_through_and_set_target_and_cgo()
    {
        var host = new Dictionary<string, string?>
        {
            ["GOFLAGS"] = "-mod=mod", ["GOPROXY"] = "https://proxy.example", ["GONOSUMDB"] = "corp.example",
            ["GOOS"] = "linux", ["GOARCH"] = "arm64", ["CGO_ENABLED"] = "0", ["HOME"] = "/root",
        };

        var options = GoEnvironment.ApplyHost(new GoBuildOptions(), name => host.GetValueOrDefault(name));

        options.Environment.Keys.Order().ShouldBe(["GOFLAGS", "GONOSUMDB", "GOPROXY"]);
        options.GoArch.ShouldBe("arm64");
        options.Cgo.ShouldBeFalse();
    }

    [Fact]
    public void Settings_the_options_already_carry_win_over_the_host()
    {
        var options = new GoBuildOptions { Environment = new Dictionary<string, string> { ["GOPROXY"] = "off" } };

        GoEnvironment.ApplyHost(options, name => name == "GOPROXY" ? "https://proxy.example" : null)
            .Environment["GOPROXY"].ShouldBe("off");
    }

    [Fact]
    public void File_proxies_in_a_goproxy_list_are_found_as_local_folders()
    {
        var environment = new Dictionary<string, string> { ["GOPROXY"] = "file:///srv/proxy,https://proxy.example|file:///other/p,direct" };

        GoProxyDirectories.In(environment).ShouldBe(["/srv/proxy", "/other/p"]);
        GoProxyDirectories.In(new Dictionary<string, string>()).ShouldBeEmpty();
    }
}
