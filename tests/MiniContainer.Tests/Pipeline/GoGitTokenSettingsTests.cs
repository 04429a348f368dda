using MiniContainer.Go;
using MiniContainer.Pipeline;

namespace MiniContainer.Tests.Pipeline;

/// <summary>--go-git-token and --go-git-host: a token for private modules' git servers, and the hosts it may go to.</summary>
public class GoGitTokenSettingsTests
{
    private const string Token = "ghtok-Zr81-never-shown";
    private static readonly GoModule Hello = new("/repo", "example.com/hello", "1.21", null, false);

    private static PipelineSettings Resolve(Dictionary<string, string>? arguments = null, Dictionary<string, string>? environment = null, PipelineScript? script = null) =>
        PipelineSettingsResolver.Resolve(script ?? new PipelineScript(), new DictionaryArgumentSource(arguments ?? []),
            name => environment?.GetValueOrDefault(name), "/repo", _ => false, _ => Hello);

    private static PipelineArgumentException Refused(Dictionary<string, string>? arguments = null, Dictionary<string, string>? environment = null, PipelineScript? script = null)
    {
        var error = Should.Throw<PipelineArgumentException>(() => Resolve(arguments, environment, script));
        error.Message.ShouldNotContain(Token);
        return error;
    }

    [Fact]
    public void The_token_is_scoped_to_the_host_of_each_GOPRIVATE_pattern_and_skips_hosts_with_wildcards()
    {
        var settings = Resolve(environment: new() { ["MINICONTAINER_GO_GIT_TOKEN"] = Token, ["GOPRIVATE"] = "Git.Corp.example/*,*.other.example,git.corp.example/team,example.org" });

        settings.GoGitCredential.ShouldBe(new GoGitCredential(Token,
            [new GitCredentialHost("git.corp.example", "x-access-token"), new GitCredentialHost("example.org", "x-access-token")]));
        settings.GoGitCredential!.Hosts.Select(h => h.Url).ShouldBe(["https://git.corp.example", "https://example.org"]);
    }

    [Fact]
    public void GOPRIVATE_from_builder_env_scopes_it_too()
    {
        Resolve(new() { ["builder-env"] = "GOPRIVATE=git.corp.example" }, new() { ["MINICONTAINER_GO_GIT_TOKEN"] = Token })
            .GoGitCredential!.Hosts.Select(h => h.Host).ShouldBe(["git.corp.example"]);
    }

    [Fact]
    public void Named_hosts_replace_GOPRIVATE_s_and_carry_a_user_and_port()
    {
        var settings = Resolve(new() { ["go-git-host"] = "ci-bot@Git.Corp.example:8443,example.org" },
            new() { ["MINICONTAINER_GO_GIT_TOKEN"] = Token, ["GOPRIVATE"] = "unrelated.example" });

        settings.GoGitCredential!.Hosts.ShouldBe([new GitCredentialHost("git.corp.example:8443", "ci-bot"), new GitCredentialHost("example.org", "x-access-token")]);
        settings.GoGitCredential.Hosts[0].Url.ShouldBe("https://git.corp.example:8443");
    }

    [Fact]
    public void The_build_script_sets_the_token_and_hosts_and_the_variable_wins()
    {
        var script = new PipelineScript { GoGitToken = "from-script", GoGitHosts = ["git.corp.example"] };

        Resolve(script: script).GoGitCredential!.Token.ShouldBe("from-script");
        Resolve(environment: new() { ["MINICONTAINER_GO_GIT_TOKEN"] = Token }, script: script).GoGitCredential!.Token.ShouldBe(Token);
    }

    [Fact]
    public void The_token_is_refused_on_the_command_line_without_showing_it_and_says_where_to_put_it()
    {
        var error = Refused(new() { ["go-git-token"] = Token, ["go-git-host"] = "git.corp.example" });

        error.Argument.ShouldBe(PipelineArguments.GoGitToken);
        error.Message.ShouldBe("--go-git-token is refused on the command line, where ps, shell history and CI logs show it: " +
                               "set MINICONTAINER_GO_GIT_TOKEN (from a CI secret), or the build script's settings.GoGitToken from a secret in the build script.");
    }

    [Fact]
    public void A_token_with_no_host_to_scope_it_to_is_one_error_that_says_what_to_give()
    {
        var unset = Refused(environment: new() { ["MINICONTAINER_GO_GIT_TOKEN"] = Token });
        var wildcards = Refused(environment: new() { ["MINICONTAINER_GO_GIT_TOKEN"] = Token, ["GOPRIVATE"] = "*.corp.example" });

        unset.Argument.ShouldBe(PipelineArguments.GoGitHost);
        unset.Message.ShouldBe("A git token is set (MINICONTAINER_GO_GIT_TOKEN), but there is no git host to send it to: GOPRIVATE is not set. " +
                               "Give --go-git-host=<host>[:port] (or MINICONTAINER_GO_GIT_HOST) for the git server of the private modules, or set GOPRIVATE to their path prefix (git.corp.example/*).");
        wildcards.Message.ShouldContain("GOPRIVATE=*.corp.example names no host without a wildcard. Give --go-git-host=<host>[:port]");
    }

    [Fact]
    public void Hosts_without_a_token_are_one_error_that_says_where_the_token_goes()
    {
        var error = Refused(new() { ["go-git-host"] = "git.corp.example" });

        error.Argument.ShouldBe(PipelineArguments.GoGitHost);
        error.Message.ShouldBe("--go-git-host=git.corp.example names git hosts for a token, but no token is set: " +
                               "set MINICONTAINER_GO_GIT_TOKEN (from a CI secret) or the build script's settings.GoGitToken, or drop --go-git-host.");
    }

    [Theory]
    [InlineData("https://git.corp.example", "is a URL; give the host alone")]
    [InlineData("git.corp.example:99999", "is not [user@]host[:port]")]
    [InlineData("git corp", "is not [user@]host[:port]")]
    [InlineData("ci bot@git.corp.example", "has a user name git cannot send as given")]
    public void A_host_that_is_not_user_host_port_is_one_error_naming_it(string host, string problem)
    {
        var error = Refused(new() { ["go-git-host"] = host }, new() { ["MINICONTAINER_GO_GIT_TOKEN"] = Token });

        error.Argument.ShouldBe(PipelineArguments.GoGitHost);
        error.Message.ShouldStartWith($"--go-git-host={host}: '{host}' {problem}");
    }

    [Fact]
    public void A_token_with_a_line_break_is_refused_without_showing_it()
    {
        var error = Refused(new() { ["go-git-host"] = "git.corp.example" }, new() { ["MINICONTAINER_GO_GIT_TOKEN"] = Token + "\nhost=elsewhere.example" });

        error.Argument.ShouldBe(PipelineArguments.GoGitToken);
        error.Message.ShouldBe("MINICONTAINER_GO_GIT_TOKEN holds a line break or a NUL, which git's credential protocol cannot carry: set it to the token alone.");
    }

    [Fact]
    public void The_token_reaches_both_go_commands_but_never_their_environment_or_text()
    {
        var settings = Resolve(environment: new() { ["MINICONTAINER_GO_GIT_TOKEN"] = Token, ["GOPRIVATE"] = "git.corp.example" });
        var options = settings.ToGoBuildOptions(_ => null);
        var caches = new GoCachePaths("/gomodcache", "/gocache");

        var download = GoCommandLine.Download(options, caches);
        var build = GoCommandLine.Build(Hello, options, [new GoMainPackage(".", Hello.ModulePath, "hello")], "/out", caches);

        download.GitCredential.ShouldBe(settings.GoGitCredential);
        build.GitCredential.ShouldBe(settings.GoGitCredential);
        download.Environment.Values.ShouldNotContain(v => v.Contains(Token));
        build.Environment.Values.ShouldNotContain(v => v.Contains(Token));
        options.ToString().ShouldNotContain(Token);
        download.ToString().ShouldNotContain(Token);
        settings.ToString().ShouldNotContain(Token);
        options.GitCredential!.ToString().ShouldBe("git token *** for git.corp.example");
    }
}
