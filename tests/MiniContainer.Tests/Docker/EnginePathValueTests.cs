using MiniContainer.Docker;

namespace MiniContainer.Tests.Docker;

public sealed class EnginePathValueTests
{
    [Theory]
    [InlineData("minicontainer-testbed/go-builder:latest")]
    [InlineData("127.0.0.1:5000/team/api:v1.2.3")]
    [InlineData("alpine@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")]
    [InlineData("sha256:0123456789abcdef")]
    [InlineData("minicontainer-builder-0123456789abcdef")]
    [InlineData("minicontainer-gomodcache_v1.2+meta")]
    public void References_IDs_and_names_pass_unchanged(string value) =>
        EnginePathValue.Checked(value, "image reference").ShouldBe(value);

    [Theory]
    [InlineData("alpine:3.20\r\nX-Injected: 1")]
    [InlineData("alpine:3.20\nX")]
    [InlineData("alpine/json?force=1")]
    [InlineData("alpine#fragment")]
    [InlineData("alpine%2Fjson")]
    [InlineData("alpine latest")]
    [InlineData("../../containers/json")]
    [InlineData("")]
    public void A_value_that_would_change_the_request_the_engine_parses_is_refused_naming_it(string value)
    {
        var refused = Should.Throw<MiniContainerException>(() => EnginePathValue.Checked(value, "image reference"));

        refused.Message.ShouldContain("is not a valid image reference");
        refused.Message.ShouldNotContain("\n", customMessage: "control characters are shown escaped, not printed");
    }
}
