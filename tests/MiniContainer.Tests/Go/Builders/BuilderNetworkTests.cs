using MiniContainer.Go;
using MiniContainer.Go.Builders;

namespace MiniContainer.Tests.Go.Builders;

public sealed class BuilderNetworkTests
{
    private static string? NetworkFor(string goproxy) => BuilderNetwork.For(new Dictionary<string, string> { ["GOPROXY"] = goproxy });

    [Theory]
    [InlineData("http://127.0.0.1:3000,off")]
    [InlineData("https://ci-bot:token@127.0.0.1:3000")]
    [InlineData("https://proxy.example.invalid|http://localhost:3000/mod,direct")]
    [InlineData("http://[::1]:3000")]
    [InlineData("http://127.12.0.1:3000")]
    public void A_proxy_on_loopback_puts_the_builder_on_the_host_network_where_that_address_is_this_machine(string goproxy) =>
        NetworkFor(goproxy).ShouldBe("host");

    [Theory]
    [InlineData("https://proxy.example.invalid,direct")]
    [InlineData("file:///srv/proxy,off")]
    [InlineData("direct")]
    [InlineData("http://127.0.0.1.example.invalid")]
    public void Other_proxies_leave_the_engine_default_network(string goproxy) => NetworkFor(goproxy).ShouldBeNull();

    [Fact]
    public void Go_without_fetching_gets_no_network_and_no_GOPROXY_the_default()
    {
        NetworkFor("off").ShouldBe("none");
        NetworkFor(" off ").ShouldBe("none");
        BuilderNetwork.For(new Dictionary<string, string>()).ShouldBeNull();
    }

    [Fact]
    public void A_git_host_of_the_token_on_loopback_puts_the_builder_on_the_host_network_and_others_do_not()
    {
        static GoGitCredential For(string host) => new("t", [new GitCredentialHost(host, GitCredentialHost.DefaultUser)]);

        BuilderNetwork.For(new Dictionary<string, string> { ["GOPROXY"] = "direct" }, For("127.41.0.9")).ShouldBe("host");
        BuilderNetwork.For(new Dictionary<string, string>(), For("localhost:8443")).ShouldBe("host");
        BuilderNetwork.For(new Dictionary<string, string> { ["GOPROXY"] = "direct" }, For("git.corp.example")).ShouldBeNull();
        BuilderNetwork.For(new Dictionary<string, string> { ["GOPROXY"] = "off" }, For("127.41.0.9")).ShouldBe("none");
    }

    [Fact]
    public void Private_modules_fetched_straight_from_a_loopback_host_put_the_builder_on_the_host_network()
    {
        BuilderNetwork.For(new Dictionary<string, string> { ["GOPRIVATE"] = "127.41.0.9/team,git.corp.example" }).ShouldBe("host");
        BuilderNetwork.For(new Dictionary<string, string> { ["GONOPROXY"] = "localhost/*", ["GOPROXY"] = "https://proxy.example.invalid" }).ShouldBe("host");
        // GONOPROXY says which modules go fetches straight; GOPRIVATE only when it is not set.
        BuilderNetwork.For(new Dictionary<string, string> { ["GOPRIVATE"] = "127.41.0.9", ["GONOPROXY"] = "none" }).ShouldBeNull();
        BuilderNetwork.For(new Dictionary<string, string> { ["GOPRIVATE"] = "git.corp.example,*.127.0.0.1" }).ShouldBeNull();
    }
}
