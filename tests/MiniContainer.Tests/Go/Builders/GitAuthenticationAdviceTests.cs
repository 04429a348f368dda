using MiniContainer.Docker;
using MiniContainer.Go;
using MiniContainer.Go.Builders;

namespace MiniContainer.Tests.Go.Builders;

/// <summary>A go command that failed because git had no credentials, or had the token refused, says what to set.</summary>
public sealed class GitAuthenticationAdviceTests
{
    private static readonly GoGitCredential Scoped = new("tok-never-shown", [new GitCredentialHost("git.corp.example", "x-access-token")]);

    // go's error, git's own line in it, as go 1.19 with git 2.39 print them.
    private static ContainerExit Failed(string gitLine) => new(1,
    [
        new("go: git.corp.example/team/lib.git@v1.0.0: reading git.corp.example/team/lib.git/go.mod at revision v1.0.0: git ls-remote -q origin in /go/pkg/mod/cache/vcs/0a1b: exit status 128:", true),
        new("\t" + gitLine, true),
        new("If this is a private repository, see https://golang.org/doc/faq#git_https for additional information.", true),
    ]);

    [Fact]
    public void Without_a_token_it_says_to_set_the_token_and_names_the_host()
    {
        var error = new GoCommandFailedException("go mod download", Failed("fatal: could not read Username for 'https://git.corp.example': terminal prompts disabled"));

        error.Message.ShouldEndWith("\ngit had no credentials for https://git.corp.example: for a private repository set MINICONTAINER_GO_GIT_TOKEN (from a CI secret) or the build script's GoGitToken " +
                                    "to a token that may read it; it is sent to the hosts of GOPRIVATE's patterns, or to those --go-git-host names (--go-git-host=git.corp.example).");
        error.Message.ShouldContain("terminal prompts disabled", customMessage: "go's own lines stay");
    }

    [Fact]
    public void With_a_token_for_other_hosts_it_says_to_add_the_host()
    {
        var error = new GoCommandFailedException("go mod download", Failed("fatal: could not read Username for 'https://git.other.example:8443': terminal prompts disabled"), Scoped);

        error.Message.ShouldEndWith("\ngit had no credentials for https://git.other.example:8443: the git token (--go-git-token) is sent only to git.corp.example; " +
                                    "add git.other.example:8443 to --go-git-host (or MINICONTAINER_GO_GIT_HOST).");
    }

    [Fact]
    public void A_refused_token_says_to_renew_it_or_give_the_user_name_and_never_shows_it()
    {
        var error = new GoCommandFailedException("go build", Failed("fatal: Authentication failed for 'https://git.corp.example/team/lib.git/'"), Scoped);

        error.Message.ShouldEndWith("\ngit.corp.example refused the git token (MINICONTAINER_GO_GIT_TOKEN or the build script's GoGitToken): set it to a current token that may read the repository, " +
                                    "and give the user name the server expects with --go-git-host=<user>@git.corp.example if it checks one.");
        error.Message.ShouldNotContain("tok-never-shown");
    }

    // go -x for a .git module path: the HTTPS probe failed (its error dropped), so go tried the other schemes and failed on git://.
    private static ContainerExit ProbeFailed(string host) => new(1,
    [
        new("cd /minicontainer/gomodcache", true),
        new($"git ls-remote https://{host}/team/lib", true),
        new($"git ls-remote git+ssh://{host}/team/lib", true),
        new($"git ls-remote ssh://{host}/team/lib", true),
        new($"go: {host}/team/lib.git@v1.0.0: git ls-remote -q origin in /go/pkg/mod/cache/vcs/0a1b: exit status 128:", true),
        new($"\tfatal: unable to connect to {host}:", true),
    ]);

    [Fact]
    public void A_failed_https_probe_without_a_token_says_to_set_it()
    {
        var error = new GoCommandFailedException("go mod download", ProbeFailed("git.corp.example"));

        error.Message.ShouldEndWith("\ngo could not read https://git.corp.example/team/lib over HTTPS (then tried ssh:// and git://, which do not take the token): " +
                                    "for a private repository set MINICONTAINER_GO_GIT_TOKEN (from a CI secret) or the build script's GoGitToken to a token that may read it; " +
                                    "it is sent to the hosts of GOPRIVATE's patterns, or to those --go-git-host names (--go-git-host=git.corp.example).");
    }

    [Fact]
    public void A_failed_https_probe_with_the_token_not_refused_points_at_the_repository_the_certificate_and_the_network()
    {
        new GoCommandFailedException("go mod download", ProbeFailed("git.corp.example"), Scoped).Message
            .ShouldEndWith("\ngit could not read https://git.corp.example/team/lib with the git token (--go-git-token), which the server did not refuse: " +
                           "check that the repository is there, that the builder trusts the server's certificate (the builder image's CA bundle) and that it reaches the server.");
        new GoCommandFailedException("go mod download", ProbeFailed("git.other.example"), Scoped).Message
            .ShouldEndWith("the git token (--go-git-token) is sent only to git.corp.example; add git.other.example to --go-git-host (or MINICONTAINER_GO_GIT_HOST).");
    }

    [Fact]
    public void A_refusal_noted_by_the_credential_helper_says_the_token_was_refused()
    {
        var exit = new ContainerExit(1, [.. ProbeFailed("git.corp.example").Output, new(BuilderGitCredential.RefusedLine + "git.corp.example", true)]);

        new GoCommandFailedException("go mod download", exit, Scoped).Message.ShouldEndWith("\ngit.corp.example refused the git token (MINICONTAINER_GO_GIT_TOKEN or the build script's GoGitToken): " +
            "set it to a current token that may read the repository, and give the user name the server expects with --go-git-host=<user>@git.corp.example if it checks one.");
    }

    [Fact]
    public void Other_failures_keep_the_plain_advice() =>
        new GoCommandFailedException("go build", new ContainerExit(2, [new("./main.go:3:1: syntax error", true)]), Scoped)
            .Message.ShouldEndWith("\nFix the errors above and build again.");
}
