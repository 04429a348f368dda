using MiniContainer.IntegrationTests.Fixtures;

namespace MiniContainer.IntegrationTests.Cake;

/// <summary>--cache-dir through the real Cake.Tool, as a CI job uses it: one job fills the folder, the cache step saves it, the next job on a fresh runner restores it.</summary>
[Collection(EngineCollection.Name)]
public sealed class CacheDirRecipeTests
{
    [EngineFact]
    public async Task A_cache_folder_restored_into_a_fresh_checkout_makes_GoRestore_up_to_date_and_builds_with_the_proxy_gone()
    {
        var proxy = new GoFileProxy(TestBed.TempDirectory("goproxy"));
        var sums = proxy.AddModule("example.com/greeting", "v1.0.0", new Dictionary<string, string>
        {
            ["greeting.go"] = "package greeting\n\nfunc Hello() string { return \"hello\" }\n",
        });
        using var firstJob = WithDependency(ConsumerRepository.CopyOf("hello"), sums);
        using var secondJob = WithDependency(ConsumerRepository.CopyOf("hello"), sums);
        var online = new Dictionary<string, string> { ["GOPROXY"] = proxy.Url, ["GOSUMDB"] = "off" };
        var ciCache = TestBed.TempDirectory("ci-cache");
        using var engine = await MiniContainer.Docker.DockerEngine.ConnectAsync();
        try
        {
            var first = firstJob.BuildSh(online, ["VerifyBinary", .. ConsumerRepository.TestImages, "--cache-dir=.ci-cache"]);

            first.ExitCode.ShouldBe(0, first.Output);
            var folder = Path.Combine(firstJob.Directory, ".ci-cache");
            File.Exists(Path.Combine(folder, "gomodcache/cache/download/example.com/greeting/@v/v1.0.0.zip")).ShouldBeTrue(first.Output);
            Directory.EnumerateFiles(Path.Combine(folder, "gocache"), "*", SearchOption.AllDirectories).ShouldNotBeEmpty();

            // The cache step saves the folder; the next job's runner has no warm builder and restores it into its checkout.
            await RemoveWarmBuildersAsync(engine, firstJob.Directory);
            ProcessRunner.Run("cp", ["-a", folder + "/.", ciCache]).ExitCode.ShouldBe(0);
            ProcessRunner.Run("cp", ["-a", ciCache + "/.", Path.Combine(secondJob.Directory, ".ci-cache")]).ExitCode.ShouldBe(0);
            // The same GOPROXY as the first job, but the proxy has nothing any more: only the folder can serve the module.
            Directory.Delete(proxy.Root, recursive: true);
            var second = secondJob.BuildSh(new Dictionary<string, string>(online) { ["MINICONTAINER_CACHE_DIR"] = ".ci-cache" },
                ["VerifyBinary", .. ConsumerRepository.TestImages]);

            second.ExitCode.ShouldBe(0, second.Output);
            second.StandardOutput.ShouldContain("Restore: up to date, the cache folder");
            second.StandardOutput.ShouldContain($"caches in {Path.Combine(secondJob.Directory, ".ci-cache")}");
            ProcessRunner.Run(Path.Combine(secondJob.Artifacts, "bin", "hello"), ["-version"]).ExitCode.ShouldBe(0);
        }
        finally
        {
            await RemoveWarmBuildersAsync(engine, firstJob.Directory);
            await RemoveWarmBuildersAsync(engine, secondJob.Directory);
        }
    }

    [Fact]
    public void Without_an_engine_the_hosts_go_keeps_its_caches_in_the_cache_folder_and_a_second_run_restores_nothing()
    {
        var proxy = new GoFileProxy(TestBed.TempDirectory("goproxy"));
        var sums = proxy.AddModule("example.com/greeting", "v1.0.0", new Dictionary<string, string>
        {
            ["greeting.go"] = "package greeting\n\nfunc Hello() string { return \"hello\" }\n",
        });
        using var repository = WithDependency(ConsumerRepository.CopyOf("hello"), sums);
        var online = new Dictionary<string, string> { ["GOPROXY"] = proxy.Url, ["GOSUMDB"] = "off" };
        string[] arguments = ["VerifyBinary", "--engine=none", "--cache-dir=.ci-cache"];

        var first = repository.BuildSh(online, arguments);
        var second = repository.BuildSh(online, arguments);

        first.ExitCode.ShouldBe(0, first.Output);
        var folder = Path.Combine(repository.Directory, ".ci-cache");
        first.StandardOutput.ShouldContain($"GOMODCACHE={folder}/gomodcache");
        first.StandardOutput.ShouldContain($"GOCACHE={folder}/gocache");
        File.Exists(Path.Combine(folder, "gomodcache/cache/download/example.com/greeting/@v/v1.0.0.zip")).ShouldBeTrue(first.Output);
        Directory.EnumerateFiles(Path.Combine(folder, "gocache"), "*", SearchOption.AllDirectories).ShouldNotBeEmpty();
        second.ExitCode.ShouldBe(0, second.Output);
        second.StandardOutput.ShouldContain("Restore: up to date, the cache folder");
    }

    // hello with a dependency the file:// proxy serves (used, so go must resolve it).
    private static ConsumerRepository WithDependency(ConsumerRepository repository, string sums)
    {
        File.AppendAllText(Path.Combine(repository.Directory, "go.mod"), "\nrequire example.com/greeting v1.0.0\n");
        File.WriteAllText(Path.Combine(repository.Directory, "go.sum"), sums);
        File.WriteAllText(Path.Combine(repository.Directory, "greeting.go"), "package main\n\nimport \"example.com/greeting\"\n\nvar _ = greeting.Hello\n");
        return repository;
    }

    private static async Task RemoveWarmBuildersAsync(MiniContainer.Docker.DockerEngine engine, string source)
    {
        foreach (var id in await LeftoverContainers.WarmBuildersOfAsync(engine, source))
            await engine.Client.Containers.RemoveContainerAsync(id, new global::Docker.DotNet.Models.ContainerRemoveParameters { Force = true });
    }
}
