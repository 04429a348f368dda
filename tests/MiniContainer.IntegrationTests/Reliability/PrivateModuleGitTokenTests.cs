using System.Text.Json;
using MiniContainer.Go.Builders;
using MiniContainer.IntegrationTests.Fixtures;
using MiniContainer.Pipeline;
using Xunit.Abstractions;

namespace MiniContainer.IntegrationTests.Reliability;

/// <summary>
/// --go-git-token: hello depends on a private module in a git server on loopback (smart HTTP over TLS, git's own
/// http-backend) that answers only basic credentials, and GOPRIVATE names its host, so go fetches it straight with
/// git: GoRestore, GoCompile and ComposeImage succeed with the token alone (scoped to the host by GOPRIVATE), in a warm
/// builder and with this machine's Go. Then the token is searched for in the log, the artifacts (the SBOM among them),
/// the engine's image and the inspection of every container left and its execs. Without it, or with a wrong one, the
/// build stops saying what to set.
/// </summary>
[Collection(EngineCollection.Name)]
public sealed class PrivateModuleGitTokenTests(ITestOutputHelper output)
{
    private const string Token = "gittok-Hm36-private-module-token";
    private const string User = "x-access-token";

    private static readonly SecretForms Secrets = new(new Dictionary<string, string> { ["the git token"] = Token });

    [EngineFact]
    public async Task The_builder_container_fetches_the_private_module_from_git_with_the_token_and_shows_it_nowhere()
    {
        await using var server = new AuthenticatedGitServer(User, Token);
        using var builder = CaTrustingBuilderImage.Create(server.CaPem);
        var run = Prepare(server, "gittoken-engine");
        var tag = $"gittok-{Guid.NewGuid():N}"[..20];
        using var engine = await MiniContainer.Docker.DockerEngine.ConnectAsync();
        try
        {
            var logger = await RunAsync(run, server, Token, new() { ["engine"] = "docker", ["builder-image"] = builder.Reference, ["base-image"] = "scratch", ["image-tag"] = tag });

            ShouldHaveFetchedWithTheToken(server, run);
            logger.Lines.ShouldContain(line => line.Contains($"with the git token for {server.Host}"));
            Secrets.ShouldNotShowIn(logger);
            Directory.EnumerateFiles(Path.Combine(run.Module, "artifacts", "sbom")).ShouldNotBeEmpty("the SBOM was written, and is searched below");
            Secrets.FoundInFiles(Path.Combine(run.Module, "artifacts")).ShouldBeEmpty();
            SavedImage.Of($"hello:{tag}").WhereFound(Secrets).ShouldBeEmpty();

            await Secrets.ShouldNotShowInContainersAsync(engine, run.Module, ".minicontainer-git-credential",
                container => container.GetProperty("Config").GetProperty("Env").EnumerateArray().Select(e => e.GetString()!)
                    .ShouldNotContain(e => e.StartsWith("GIT_CONFIG", StringComparison.Ordinal), "the helper is given to each exec, not to the container"));
        }
        finally
        {
            ProcessRunner.Run("docker", ["rmi", "-f", $"hello:{tag}"]);
            await PrivateModuleBuild.RemoveWarmBuildersAsync(engine, run.Module);
            run.Dispose();
        }
    }

    [EngineFact]
    public async Task A_one_shot_builder_that_gets_the_source_copied_in_as_from_a_remote_engine_gets_the_token_copied_in_too()
    {
        await using var server = new AuthenticatedGitServer(User, Token);
        using var builderImage = CaTrustingBuilderImage.Create(server.CaPem);
        var run = Prepare(server, "gittoken-copy");
        using var engine = await MiniContainer.Docker.DockerEngine.ConnectAsync();
        var builder = new GoBuilder
        {
            Image = builderImage.Reference, Transfer = FileTransfer.Copy, KeepWarm = false, ModuleCacheVolume = $"mc-test-gomod-{Guid.NewGuid():N}",
            // Its own build cache: go's index there took an earlier run's greeting.go, copied in with the same size and time, for this one's.
            BuildCacheVolume = $"mc-test-gocache-{Guid.NewGuid():N}",
        };
        var logger = new TestLogger(output);
        try
        {
            var module = MiniContainer.Go.GoModule.Load(run.Module);
            var options = new MiniContainer.Go.GoBuildOptions
            {
                Cgo = false, GitCredential = new MiniContainer.Go.GoGitCredential(Token, [new MiniContainer.Go.GitCredentialHost(server.Host, User)]),
                Environment = new Dictionary<string, string> { ["GOPRIVATE"] = server.Host, ["GOPROXY"] = "direct" },
            };
            await MiniContainer.Restore.GoRestoreStep.RunAsync(engine, new MiniContainer.Restore.GoRestoreRequest(module, options, builder), logger);
            var compiled = await MiniContainer.Compile.GoCompileStep.RunAsync(engine, new MiniContainer.Compile.GoCompileRequest(module, options, builder, Path.Combine(run.Module, "artifacts", "bin")), logger);

            compiled.Binaries.Select(b => b.Name).ShouldBe(["hello"]);
            ShouldHaveFetchedWithTheToken(server, run);
            Secrets.ShouldNotShowIn(logger);
            (await LeftoverContainers.OfStepsAsync(engine, "restore", "compile")).ShouldBeEmpty("the one-shot containers, and the token in them, are removed");
        }
        finally
        {
            await engine.Client.Volumes.RemoveAsync(builder.ModuleCacheVolume, force: true);
            await engine.Client.Volumes.RemoveAsync(builder.BuildCacheVolume, force: true);
            run.Dispose();
        }
    }

    [EngineTheory]
    [InlineData(null, "go could not read https://{host}/private/greeting over HTTPS (then tried ssh:// and git://, which do not take the token): for a private repository set MINICONTAINER_GO_GIT_TOKEN (from a CI secret) or the build script's GoGitToken to a token that may read it; it is sent to the hosts of GOPRIVATE's patterns, or to those --go-git-host names (--go-git-host={host}).")]
    [InlineData("gittok-wrong-one", "{host} refused the git token (MINICONTAINER_GO_GIT_TOKEN or the build script's GoGitToken): set it to a current token that may read the repository, and give the user name the server expects with --go-git-host=<user>@{host} if it checks one.")]
    public async Task Without_the_token_or_with_a_wrong_one_restore_stops_with_one_message_that_says_what_to_set(string? token, string advice)
    {
        await using var server = new AuthenticatedGitServer(User, Token);
        using var builder = CaTrustingBuilderImage.Create(server.CaPem);
        var run = Prepare(server, "gittoken-refused");
        using var engine = await MiniContainer.Docker.DockerEngine.ConnectAsync();
        try
        {
            var error = await Should.ThrowAsync<GoCommandFailedException>(() =>
                RunAsync(run, server, token, new() { ["engine"] = "docker", ["builder-image"] = builder.Reference, ["base-image"] = "scratch" }));

            error.Message.ShouldStartWith("go mod download failed with exit code 1:");
            error.Message.ShouldEndWith("\n" + advice.Replace("{host}", server.Host));
            error.Message.ShouldNotContain(Token);
            server.Requests.ShouldNotBeEmpty("go asked the git server");
            server.Requests.ShouldAllBe(r => !r.Authorized);
        }
        finally
        {
            await PrivateModuleBuild.RemoveWarmBuildersAsync(engine, run.Module);
            run.Dispose();
        }
    }

    [Fact]
    public async Task This_machines_go_fetches_the_private_module_from_git_with_the_token_and_shows_it_nowhere()
    {
        await using var server = new AuthenticatedGitServer(User, Token);
        var run = Prepare(server, "gittoken-local");
        try
        {
            var ca = Path.Combine(run.Folder, "git-ca.pem");
            File.WriteAllText(ca, server.CaPem);
            // git's own variable for the CA it trusts (its curl ignores SSL_CERT_FILE); no check is turned off.
            var logger = await RunAsync(run, server, Token, new() { ["engine"] = "none", ["base-image"] = "scratch", ["builder-env"] = $"GIT_SSL_CAINFO={ca}" });

            ShouldHaveFetchedWithTheToken(server, run);
            Secrets.ShouldNotShowIn(logger);
            Secrets.FoundInFiles(Path.Combine(run.Module, "artifacts")).ShouldBeEmpty();
            Directory.EnumerateFiles(Path.GetTempPath(), ".minicontainer-secret-*").Where(f => Secrets.FoundIn(File.ReadAllBytes(f)).Count > 0)
                .ShouldBeEmpty("the token's file is removed when go ends");
        }
        finally
        {
            run.Dispose();
        }
    }

    [Fact]
    public async Task This_machines_go_with_a_wrong_token_stops_saying_the_server_refused_it()
    {
        await using var server = new AuthenticatedGitServer(User, Token);
        var run = Prepare(server, "gittoken-local-refused");
        try
        {
            var ca = Path.Combine(run.Folder, "git-ca.pem");
            File.WriteAllText(ca, server.CaPem);

            var error = await Should.ThrowAsync<GoCommandFailedException>(() =>
                RunAsync(run, server, "gittok-wrong-one", new() { ["engine"] = "none", ["base-image"] = "scratch", ["builder-env"] = $"GIT_SSL_CAINFO={ca}" }));

            error.Message.ShouldEndWith($"\n{server.Host} refused the git token (MINICONTAINER_GO_GIT_TOKEN or the build script's GoGitToken): set it to a current token that may read the repository, " +
                                        $"and give the user name the server expects with --go-git-host=<user>@{server.Host} if it checks one.");
            server.Requests.ShouldAllBe(r => !r.Authorized);
        }
        finally
        {
            run.Dispose();
        }
    }

    private sealed record Run(string Folder, string Module, string ModulePath, string Version) : IDisposable
    {
        public void Dispose()
        {
            Directory.Delete(Folder, recursive: true);
            Directory.Delete(Module, recursive: true);
        }
    }

    /// <summary>hello, depending on a tagged release of a private module in the git server (a cached module is not fetched).</summary>
    private static Run Prepare(AuthenticatedGitServer server, string purpose)
    {
        var folder = TestBed.TempDirectory(purpose + "-secrets");
        var module = TestBed.CopyOf(TestBed.Example("hello"), purpose);
        var version = $"v1.0.0-g{Guid.NewGuid():N}";
        var (modulePath, goSum) = server.AddModule("private/greeting", version, new Dictionary<string, string>
        {
            ["greeting.go"] = "// Package greeting is a private module's one function.\npackage greeting\n\nfunc Word() string { return \"hello from a private git repository\" }\n",
        });
        File.AppendAllText(Path.Combine(module, "go.mod"), $"\nrequire {modulePath} {version}\n");
        File.WriteAllText(Path.Combine(module, "go.sum"), goSum);
        File.WriteAllText(Path.Combine(module, "greeting.go"),
            $"package main\n\nimport greeting \"{modulePath}\"\n\n// Linked in, so the binary cannot build without the private module.\nvar greetingWord = greeting.Word()\n");
        return new Run(folder, module, modulePath, version);
    }

    private Task<TestLogger> RunAsync(Run run, AuthenticatedGitServer server, string? token, Dictionary<string, string> arguments)
    {
        var overrides = new Dictionary<string, string>
        {
            // GOPRIVATE alone sends the module past any proxy and the checksum database, to its git server; no proxy at all is asked.
            ["GOPRIVATE"] = server.Host,
            ["GOPROXY"] = "direct",
        };
        if (token is not null) overrides["MINICONTAINER_GO_GIT_TOKEN"] = token;
        return PrivateModuleBuild.RunAsync(run.Module, arguments,
            name => overrides.GetValueOrDefault(name) ?? (name == "MINICONTAINER_GO_GIT_TOKEN" ? null : Environment.GetEnvironmentVariable(name)), output);
    }

    private static void ShouldHaveFetchedWithTheToken(AuthenticatedGitServer server, Run run)
    {
        server.Requests.ShouldContain(r => r.Path.Contains("/git-upload-pack") && r.Authorized, "git fetched the repository with the token");
        var buildInfo = ProcessRunner.Run("go", ["version", "-m", Path.Combine(run.Module, "artifacts", "bin", "hello")]);
        buildInfo.ExitCode.ShouldBe(0, buildInfo.Output);
        buildInfo.StandardOutput.ShouldContain($"dep\t{run.ModulePath}\t{run.Version}");
    }
}
