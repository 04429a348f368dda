using System.Text.Json;
using MiniContainer.IntegrationTests.Fixtures;
using MiniContainer.Pipeline;
using Xunit.Abstractions;

namespace MiniContainer.IntegrationTests.Reliability;

/// <summary>
/// --go-netrc: hello depends on a private module served by a proxy on loopback that answers only basic credentials,
/// and GOPROXY names it without them: GoRestore, GoCompile and ComposeImage succeed with the .netrc alone, in the
/// builder container (a warm builder, which stays for minutes) and with this machine's Go. Then the token is
/// searched for in the log, the artifacts, the engine's image and the inspection of every container left.
/// </summary>
[Collection(EngineCollection.Name)]
public sealed class PrivateModuleNetrcTests(ITestOutputHelper output)
{
    private const string Token = "netrc-Tq58-private-module-token";
    private const string User = "netrc-bot";
    private const string PrivateModule = "example.com/private/greeting";

    private static readonly SecretForms Secrets = new(new Dictionary<string, string> { ["the .netrc's token"] = Token });

    [EngineFact]
    public async Task The_builder_container_fetches_the_private_module_with_the_netrc_and_shows_the_token_nowhere()
    {
        await using var proxy = new AuthenticatedGoProxy(User, Token);
        using var builder = CaTrustingBuilderImage.Create(proxy.CaPem);
        var run = Prepare(proxy, "netrc-engine");
        var tag = $"netrc-{Guid.NewGuid():N}"[..20];
        using var engine = await MiniContainer.Docker.DockerEngine.ConnectAsync();
        try
        {
            var logger = await RunAsync(run, proxy, new() { ["engine"] = "docker", ["builder-image"] = builder.Reference, ["base-image"] = "scratch", ["image-tag"] = tag });

            ShouldHaveFetchedWithTheNetrc(proxy, run);
            Secrets.ShouldNotShowIn(logger);
            Secrets.FoundInFiles(Path.Combine(run.Module, "artifacts")).ShouldBeEmpty();
            SavedImage.Of($"hello:{tag}").WhereFound(Secrets).ShouldBeEmpty();

            await Secrets.ShouldNotShowInContainersAsync(engine, run.Module, ".minicontainer-netrc",
                container => JsonSerializer.Serialize(container).ShouldNotContain(run.Netrc, customMessage: "the .netrc is copied in, not bound"));
        }
        finally
        {
            ProcessRunner.Run("docker", ["rmi", "-f", $"hello:{tag}"]);
            await PrivateModuleBuild.RemoveWarmBuildersAsync(engine, run.Module);
            run.Dispose();
        }
    }

    [EngineFact]
    public async Task A_one_shot_builder_that_gets_the_source_copied_in_as_from_a_remote_engine_gets_the_netrc_copied_in_too()
    {
        await using var proxy = new AuthenticatedGoProxy(User, Token);
        using var builderImage = CaTrustingBuilderImage.Create(proxy.CaPem);
        var run = Prepare(proxy, "netrc-copy");
        using var engine = await MiniContainer.Docker.DockerEngine.ConnectAsync();
        var builder = new MiniContainer.Go.Builders.GoBuilder
        {
            Image = builderImage.Reference, Transfer = MiniContainer.Go.Builders.FileTransfer.Copy, KeepWarm = false, ModuleCacheVolume = $"mc-test-gomod-{Guid.NewGuid():N}",
        };
        var logger = new TestLogger(output);
        try
        {
            var module = MiniContainer.Go.GoModule.Load(run.Module);
            var options = new MiniContainer.Go.GoBuildOptions
            {
                Cgo = false, NetrcFile = run.Netrc,
                Environment = new Dictionary<string, string> { ["GOPROXY"] = proxy.UrlWithoutCredentials, ["GOPRIVATE"] = "example.com/private", ["GONOPROXY"] = "none" },
            };
            await MiniContainer.Restore.GoRestoreStep.RunAsync(engine, new MiniContainer.Restore.GoRestoreRequest(module, options, builder), logger);
            var compiled = await MiniContainer.Compile.GoCompileStep.RunAsync(engine, new MiniContainer.Compile.GoCompileRequest(module, options, builder, Path.Combine(run.Module, "artifacts", "bin")), logger);

            compiled.Binaries.Select(b => b.Name).ShouldBe(["hello"]);
            ShouldHaveFetchedWithTheNetrc(proxy, run);
            Secrets.ShouldNotShowIn(logger);
            (await LeftoverContainers.OfStepsAsync(engine, "restore", "compile")).ShouldBeEmpty("the one-shot containers, and the .netrc in them, are removed");
        }
        finally
        {
            await engine.Client.Volumes.RemoveAsync(builder.ModuleCacheVolume, force: true);
            run.Dispose();
        }
    }

    [Fact]
    public async Task This_machines_go_fetches_the_private_module_with_the_netrc_and_shows_the_token_nowhere()
    {
        await using var proxy = new AuthenticatedGoProxy(User, Token);
        var run = Prepare(proxy, "netrc-local");
        try
        {
            var ca = Path.Combine(run.Folder, "proxy-ca.pem");
            File.WriteAllText(ca, proxy.CaPem);
            var logger = await RunAsync(run, proxy, new() { ["engine"] = "none", ["base-image"] = "scratch", ["builder-env"] = $"SSL_CERT_FILE={ca}" });

            ShouldHaveFetchedWithTheNetrc(proxy, run);
            Secrets.ShouldNotShowIn(logger);
            Secrets.FoundInFiles(Path.Combine(run.Module, "artifacts")).ShouldBeEmpty();
            Directory.EnumerateFiles(Path.Combine(run.Module, "artifacts", "oci"), "*", SearchOption.AllDirectories).ShouldNotBeEmpty("the image's layout was searched");
        }
        finally
        {
            run.Dispose();
        }
    }

    private sealed record Run(string Folder, string Module, string Netrc, string Version) : IDisposable
    {
        public void Dispose()
        {
            Directory.Delete(Folder, recursive: true);
            Directory.Delete(Module, recursive: true);
        }
    }

    /// <summary>hello, depending on a release of the private module of its own (a cached module is not fetched), and a .netrc beside it.</summary>
    private static Run Prepare(AuthenticatedGoProxy proxy, string purpose)
    {
        var folder = TestBed.TempDirectory(purpose + "-secrets");
        var module = TestBed.CopyOf(TestBed.Example("hello"), purpose);
        var version = $"v1.0.0-n{Guid.NewGuid():N}";
        var goSum = proxy.Modules.AddModule(PrivateModule, version, new Dictionary<string, string>
        {
            ["greeting.go"] = "// Package greeting is a private module's one function.\npackage greeting\n\nfunc Word() string { return \"hello from a private module\" }\n",
        });
        File.AppendAllText(Path.Combine(module, "go.mod"), $"\nrequire {PrivateModule} {version}\n");
        File.WriteAllText(Path.Combine(module, "go.sum"), goSum);
        File.WriteAllText(Path.Combine(module, "greeting.go"),
            $"package main\n\nimport \"{PrivateModule}\"\n\n// Linked in, so the binary cannot build without the private module.\nvar greetingWord = greeting.Word()\n");
        var netrc = Path.Combine(folder, "netrc");
        File.WriteAllText(netrc, $"machine 127.0.0.1\nlogin {User}\npassword {Token}\n");
        return new Run(folder, module, netrc, version);
    }

    private Task<TestLogger> RunAsync(Run run, AuthenticatedGoProxy proxy, Dictionary<string, string> arguments)
    {
        var overrides = new Dictionary<string, string>
        {
            ["GOPROXY"] = proxy.UrlWithoutCredentials,
            ["GOPRIVATE"] = "example.com/private",
            // GOPRIVATE alone would send the private module past the proxy, to its VCS.
            ["GONOPROXY"] = "none",
        };
        arguments["go-netrc"] = run.Netrc;
        return PrivateModuleBuild.RunAsync(run.Module, arguments, name => overrides.GetValueOrDefault(name) ?? Environment.GetEnvironmentVariable(name), output);
    }

    private static void ShouldHaveFetchedWithTheNetrc(AuthenticatedGoProxy proxy, Run run)
    {
        var module = $"/{PrivateModule}/@v/{run.Version}";
        proxy.Requests.ShouldContain(($"{module}.zip", true));
        proxy.Requests.Where(r => !r.Authorized).ShouldBeEmpty("every request to the private proxy carried the .netrc's credentials");
        var buildInfo = ProcessRunner.Run("go", ["version", "-m", Path.Combine(run.Module, "artifacts", "bin", "hello")]);
        buildInfo.ExitCode.ShouldBe(0, buildInfo.Output);
        buildInfo.StandardOutput.ShouldContain($"dep\t{PrivateModule}\t{run.Version}");
    }
}
