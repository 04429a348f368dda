using System.Diagnostics;
using System.Text;
using MiniContainer.Go;
using MiniContainer.Go.Builders;

namespace MiniContainer.Tests.Go.Builders;

/// <summary>The credential helper GIT_CONFIG_* gives git for --go-git-token, asked by this machine's real git.</summary>
public sealed class BuilderGitCredentialTests : IDisposable
{
    private const string Token = "gt-Qw72-secret";
    private readonly string _folder = Directory.CreateTempSubdirectory("git-credential-").FullName;
    private readonly string _tokenFile;
    private static readonly GoGitCredential Credential = new(Token, [new GitCredentialHost("git.corp.example", "ci-bot"), new GitCredentialHost("127.0.0.1:8443", "x-access-token")]);

    public BuilderGitCredentialTests()
    {
        _tokenFile = Path.Combine(_folder, "it's the token");
        File.WriteAllBytes(_tokenFile, BuilderGitCredential.Content(Credential));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Git_gets_the_user_and_token_for_each_host_it_is_scoped_to()
    {
        var environment = BuilderGitCredential.WithHelpers(new Dictionary<string, string>(), Credential, _tokenFile);

        Fill(environment, "git.corp.example").ShouldBe((0, $"protocol=https\nhost=git.corp.example\nusername=ci-bot\npassword={Token}\n"));
        Fill(environment, "127.0.0.1:8443").ShouldBe((0, $"protocol=https\nhost=127.0.0.1:8443\nusername=x-access-token\npassword={Token}\n"));
        environment.Values.ShouldNotContain(v => v.Contains(Token), "the environment names the file, never the token");
    }

    [Theory]
    [InlineData("https", "other.example")]
    [InlineData("https", "git.corp.example:8443")]
    [InlineData("https", "127.0.0.1")]
    [InlineData("https", "evil.git.corp.example")]
    [InlineData("http", "git.corp.example")]
    public void Git_gets_nothing_for_another_host_port_or_scheme(string protocol, string host)
    {
        var environment = BuilderGitCredential.WithHelpers(new Dictionary<string, string>(), Credential, _tokenFile);

        var (exitCode, output) = Fill(environment, host, protocol);

        exitCode.ShouldNotBe(0, output);
        output.ShouldNotContain(Token);
        output.ShouldContain("terminal prompts disabled");
    }

    [Fact]
    public void The_helpers_come_after_the_git_config_entries_the_command_already_has()
    {
        var build = GoCommandLine.Build(new GoModule("/repo", "example.com/hello", "1.21", null, false), new GoBuildOptions(),
            [new GoMainPackage(".", "example.com/hello", "hello")], "/out", new GoCachePaths("/m", "/c"), sourceOwnedByAnotherUser: _folder);

        var environment = BuilderGitCredential.WithHelpers(build.Environment, Credential, _tokenFile);

        environment["GIT_CONFIG_COUNT"].ShouldBe("3");
        environment["GIT_CONFIG_KEY_0"].ShouldBe("safe.directory");
        environment["GIT_CONFIG_KEY_1"].ShouldBe("credential.https://git.corp.example.helper");
        environment["GIT_CONFIG_KEY_2"].ShouldBe("credential.https://127.0.0.1:8443.helper");
        Git(environment, ["config", "--get", "safe.directory"], "").ShouldBe((0, _folder + "\n"));
        Fill(environment, "git.corp.example").Output.ShouldContain($"password={Token}");
    }

    [Fact]
    public void A_refused_token_is_noted_by_host_and_reported_after_the_command_and_only_get_answers()
    {
        var environment = BuilderGitCredential.WithHelpers(new Dictionary<string, string>(), Credential, _tokenFile);

        // git erases a credential the server answered 401 to; store follows a success and changes nothing.
        Git(environment, ["credential", "approve"], $"protocol=https\nhost=git.corp.example\nusername=ci-bot\npassword={Token}\n\n").ExitCode.ShouldBe(0);
        File.Exists(BuilderGitCredential.RefusalsOf(_tokenFile)).ShouldBeFalse();
        Git(environment, ["credential", "reject"], $"protocol=https\nhost=git.corp.example\nusername=ci-bot\npassword={Token}\n\n").ExitCode.ShouldBe(0);

        File.ReadAllText(BuilderGitCredential.RefusalsOf(_tokenFile)).ShouldBe("git.corp.example\n");
        File.ReadAllText(_tokenFile).ShouldBe($"password={Token}\n");
        var report = Process.Start(new ProcessStartInfo("sh", ["-c", BuilderGitCredential.ReportRefusals(_tokenFile)]) { RedirectStandardError = true, RedirectStandardOutput = true })!;
        report.StandardError.ReadToEnd().ShouldBe(BuilderGitCredential.RefusedLine + "git.corp.example\n");
        report.StandardOutput.ReadToEnd().ShouldBeEmpty();
        report.WaitForExit();
    }

    [Fact]
    public void A_git_config_count_that_is_not_a_number_is_one_clear_error()
    {
        var error = Should.Throw<MiniContainerException>(() =>
            BuilderGitCredential.WithHelpers(new Dictionary<string, string> { ["GIT_CONFIG_COUNT"] = "two" }, Credential, _tokenFile));

        error.Message.ShouldBe("GIT_CONFIG_COUNT is 'two', not a number of git config entries: fix it in --builder-env or this machine's environment.");
    }

    [Fact]
    public void In_the_builder_the_token_and_the_netrc_are_files_removed_after_the_command_and_only_their_paths_are_in_its_environment()
    {
        var netrc = Path.Combine(_folder, "netrc");
        File.WriteAllText(netrc, "machine 127.0.0.1 login u password netrc-secret\n");
        var invocation = new GoInvocation(["go", "mod", "download", "-x"], new Dictionary<string, string> { ["GOFLAGS"] = "-mod=mod" }) { NetrcFile = netrc, GitCredential = Credential };

        var (withSecrets, files) = BuilderSecretFiles.For(invocation);

        files.Select(f => Encoding.UTF8.GetString(f.Content)).ShouldBe(["machine 127.0.0.1 login u password netrc-secret\n", $"password={Token}\n"]);
        files.Select(f => f.Path).ShouldAllBe(path => path.StartsWith("/tmp/.minicontainer-", StringComparison.Ordinal));
        withSecrets.Environment["NETRC"].ShouldBe(files[0].Path);
        withSecrets.Environment["GIT_CONFIG_VALUE_0"].ShouldContain(files[1].Path);
        withSecrets.Environment["GOFLAGS"].ShouldBe("-mod=mod");
        withSecrets.EnvironmentLines.ShouldNotContain(line => line.Contains(Token) || line.Contains("netrc-secret"));
        withSecrets.Argv.ShouldBe(["sh", "-c", $"\"$@\"; rc=$?; {BuilderGitCredential.ReportRefusals(files[1].Path)}; rm -f {files[0].Path} {files[1].Path} {files[1].Path}.refused; exit $rc",
            "sh", "go", "mod", "download", "-x"]);
        BuilderSecretFiles.For(invocation with { NetrcFile = null, GitCredential = null }).Invocation.Argv.ShouldBe(invocation.Argv);
    }

    private (int ExitCode, string Output) Fill(IReadOnlyDictionary<string, string> environment, string host, string protocol = "https") =>
        Git(environment, ["credential", "fill"], $"protocol={protocol}\nhost={host}\n\n");

    // This machine's git with no config but the entries given: no system or global file, no prompt.
    private (int ExitCode, string Output) Git(IReadOnlyDictionary<string, string> environment, string[] arguments, string input)
    {
        var start = new ProcessStartInfo("git") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = _folder };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("GIT_", StringComparison.Ordinal)).ToList()) start.Environment.Remove(name);
        start.Environment["HOME"] = _folder;
        start.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
        start.Environment["GIT_CONFIG_GLOBAL"] = "/dev/null";
        start.Environment["GIT_TERMINAL_PROMPT"] = "0";
        start.Environment["GIT_ASKPASS"] = "";
        start.Environment["SSH_ASKPASS"] = "";
        foreach (var (name, value) in environment) start.Environment[name] = value;
        using var process = Process.Start(start)!;
        process.StandardInput.Write(input);
        process.StandardInput.Close();
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, process.ExitCode == 0 ? stdout : stdout + stderr.Result);
    }
}
