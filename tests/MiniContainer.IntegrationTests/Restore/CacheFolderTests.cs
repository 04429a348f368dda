using MiniContainer.Compile;
using MiniContainer.Docker;
using MiniContainer.Go;
using MiniContainer.Go.Builders;
using MiniContainer.IntegrationTests.Fixtures;
using MiniContainer.Restore;
using Xunit.Abstractions;

namespace MiniContainer.IntegrationTests.Restore;

/// <summary>
/// --cache-dir: Go's caches in a host folder a CI cache step saves and restores. A "fresh engine state" is what a new
/// CI runner has: none of this build's volumes and no warm builder, only the folder the cache step put back.
/// </summary>
[Collection(EngineCollection.Name)]
public class CacheFolderTests(ITestOutputHelper output)
{
    private readonly TestLogger _logger = new(output);

    private const string RestoredZip = "gomodcache/cache/download/example.com/greeting/@v/v1.0.0.zip";

    private static (string Source, GoFileProxy Proxy) ModuleWithDependency()
    {
        var proxy = new GoFileProxy(TestBed.TempDirectory("goproxy"));
        var sums = proxy.AddModule("example.com/greeting", "v1.0.0", new Dictionary<string, string>
        {
            ["greeting.go"] = "package greeting\n\nfunc Hello() string { return \"hello from the cache folder\" }\n",
        });
        var source = TestBed.TempDirectory("cachedir-src");
        File.WriteAllText(Path.Combine(source, "go.mod"), "module example.com/consumer\n\ngo 1.19\n\nrequire example.com/greeting v1.0.0\n");
        File.WriteAllText(Path.Combine(source, "go.sum"), sums);
        File.WriteAllText(Path.Combine(source, "main.go"),
            "package main\n\nimport (\n\t\"fmt\"\n\n\t\"example.com/greeting\"\n)\n\nfunc main() { fmt.Println(greeting.Hello()) }\n");
        return (source, proxy);
    }

    private static GoBuildOptions Online(GoFileProxy proxy) => new() { Cgo = false, Environment = new Dictionary<string, string> { ["GOPROXY"] = proxy.Url, ["GOSUMDB"] = "off" } };

    // Compile never reaches a proxy: what it needs must be in the folder.
    private static GoBuildOptions Offline => new() { Cgo = false, Environment = new Dictionary<string, string> { ["GOPROXY"] = "off", ["GOFLAGS"] = "-mod=readonly" } };

    private static SortedSet<string> FilesIn(string folder) =>
        new(Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(folder, f)), StringComparer.Ordinal);

    [EngineTheory]
    [InlineData(FileTransfer.BindMount)]
    [InlineData(FileTransfer.Copy)]
    public async Task A_restored_copy_of_the_cache_folder_makes_restore_up_to_date_and_compile_hit_the_cache_on_a_fresh_engine_state(FileTransfer transfer)
    {
        using var engine = await DockerEngine.ConnectAsync();
        var (source, proxy) = ModuleWithDependency();
        var cache = TestBed.TempDirectory("cachedir");
        // Volumes of this test's own: the build must not make them.
        var builder = new GoBuilder
        {
            Image = TestBed.BuilderImage, Transfer = transfer, CacheDirectory = cache,
            ModuleCacheVolume = $"mc-test-gomod-{Guid.NewGuid():N}", BuildCacheVolume = $"mc-test-gocache-{Guid.NewGuid():N}",
        };
        var restoredCopy = TestBed.TempDirectory("cachedir-restored");
        try
        {
            var first = await GoRestoreStep.RunAsync(engine, new GoRestoreRequest(GoModule.Load(source), Online(proxy), builder), _logger);
            await GoCompileStep.RunAsync(engine, new GoCompileRequest(GoModule.Load(source), Offline, builder, TestBed.TempDirectory("bin")), _logger);

            first.UpToDate.ShouldBeFalse();
            File.Exists(Path.Combine(cache, RestoredZip)).ShouldBeTrue("the module download lands in the folder");
            FilesIn(Path.Combine(cache, "gocache")).Count.ShouldBeGreaterThan(10, "the compile's build cache lands in the folder");
            (await engine.Api.VolumeCreatedAtAsync(builder.ModuleCacheVolume, CancellationToken.None)).ShouldBeNull("no volume was made");
            (await engine.Api.VolumeCreatedAtAsync(builder.BuildCacheVolume, CancellationToken.None)).ShouldBeNull("no volume was made");

            // A new runner: no warm builder, a fresh checkout and output folder, the folder as the CI cache step restores it.
            await RemoveWarmBuildersAsync(engine, cache);
            ProcessRunner.Run("cp", ["-a", cache + "/.", restoredCopy]).ExitCode.ShouldBe(0);
            var checkout = TestBed.CopyOf(source, "cachedir-checkout");
            var onTheNewRunner = builder with { CacheDirectory = restoredCopy };
            var buildCacheBefore = FilesIn(Path.Combine(restoredCopy, "gocache"));
            var linesBefore = _logger.Lines.Count;

            var second = await GoRestoreStep.RunAsync(engine, new GoRestoreRequest(GoModule.Load(checkout), Online(proxy), onTheNewRunner), _logger);
            var compiled = await GoCompileStep.RunAsync(engine, new GoCompileRequest(GoModule.Load(checkout), Offline, onTheNewRunner, TestBed.TempDirectory("bin")), _logger);

            second.UpToDate.ShouldBeTrue();
            string.Join('\n', _logger.Lines.Skip(linesBefore)).ShouldContain($"Restore: up to date, the cache folder {restoredCopy}/gomodcache holds this download");
            compiled.UpToDate.ShouldBeFalse("a new output folder has no binary yet");
            ProcessRunner.Run(compiled.Binaries[0].Path, []).StandardOutput.Trim().ShouldBe("hello from the cache folder");
            BuildCacheEntriesAddedBesidesTheSourceIndex(Path.Combine(restoredCopy, "gocache"), buildCacheBefore)
                .ShouldBeEmpty("every compile action was a hit in the restored build cache, so go added no entry");
        }
        finally
        {
            await RemoveWarmBuildersAsync(engine, cache);
            await RemoveWarmBuildersAsync(engine, restoredCopy);
        }
    }

    [EngineTheory]
    [InlineData(FileTransfer.BindMount)]
    [InlineData(FileTransfer.Copy)]
    public async Task An_emptied_cache_folder_is_not_up_to_date_and_the_restore_downloads_into_it_again(FileTransfer transfer)
    {
        using var engine = await DockerEngine.ConnectAsync();
        var (source, proxy) = ModuleWithDependency();
        var cache = TestBed.TempDirectory("cachedir");
        var builder = new GoBuilder { Image = TestBed.BuilderImage, Transfer = transfer, CacheDirectory = cache };
        var module = GoModule.Load(source);
        try
        {
            await GoRestoreStep.RunAsync(engine, new GoRestoreRequest(module, Online(proxy), builder), _logger);
            var again = await GoRestoreStep.RunAsync(engine, new GoRestoreRequest(module, Online(proxy), builder), _logger);
            // What `rm -rf cache/*` leaves: the dot folder of markers stays, the caches go.
            Directory.Delete(Path.Combine(cache, "gomodcache"), recursive: true);
            Directory.Delete(Path.Combine(cache, "gocache"), recursive: true);
            var afterEmptying = await GoRestoreStep.RunAsync(engine, new GoRestoreRequest(module, Online(proxy), builder), _logger);
            var compiled = await GoCompileStep.RunAsync(engine, new GoCompileRequest(module, Offline, builder, TestBed.TempDirectory("bin")), _logger);

            again.UpToDate.ShouldBeTrue();
            afterEmptying.UpToDate.ShouldBeFalse("the emptied folder holds none of go.sum's modules");
            File.Exists(Path.Combine(cache, RestoredZip)).ShouldBeTrue("downloaded into the folder again");
            ProcessRunner.Run(compiled.Binaries[0].Path, []).StandardOutput.Trim().ShouldBe("hello from the cache folder");
        }
        finally
        {
            await RemoveWarmBuildersAsync(engine, cache);
        }
    }

    [EngineFact]
    public async Task Files_the_root_builder_writes_into_the_bound_cache_folder_belong_to_the_folders_owner()
    {
        using var engine = await DockerEngine.ConnectAsync();
        var (source, proxy) = ModuleWithDependency();
        var cache = TestBed.TempDirectory("cachedir");
        // The CI runner's user: here nobody, as the tests run as root.
        foreach (var folder in new[] { "gomodcache", "gocache" }) Directory.CreateDirectory(Path.Combine(cache, folder));
        ProcessRunner.Run("chown", ["-R", "65534:65534", cache]).ExitCode.ShouldBe(0);
        var builder = new GoBuilder { Image = TestBed.BuilderImage, Transfer = FileTransfer.BindMount, CacheDirectory = cache };
        var module = GoModule.Load(source);
        try
        {
            await GoRestoreStep.RunAsync(engine, new GoRestoreRequest(module, Online(proxy), builder), _logger);
            await GoCompileStep.RunAsync(engine, new GoCompileRequest(module, Offline, builder, TestBed.TempDirectory("bin")), _logger);

            File.Exists(Path.Combine(cache, RestoredZip)).ShouldBeTrue();
            var notTheOwners = ProcessRunner.Run("find", [Path.Combine(cache, "gomodcache"), Path.Combine(cache, "gocache"), "(", "!", "-user", "65534", "-o", "!", "-group", "65534", ")"]);
            notTheOwners.ExitCode.ShouldBe(0);
            notTheOwners.StandardOutput.Trim().ShouldBeEmpty("every file and folder the builder made is the folder owner's");
        }
        finally
        {
            await RemoveWarmBuildersAsync(engine, cache);
        }
    }

    [EngineTheory]
    [InlineData(FileTransfer.BindMount)]
    [InlineData(FileTransfer.Copy)]
    public async Task Links_planted_in_the_cache_folder_are_removed_and_never_written_through(FileTransfer transfer)
    {
        using var engine = await DockerEngine.ConnectAsync();
        var (source, proxy) = ModuleWithDependency();
        var cache = TestBed.TempDirectory("cachedir");
        var outside = TestBed.TempDirectory("cachedir-outside");
        var outsideToo = TestBed.TempDirectory("cachedir-outside");
        // gocache itself a link (the engine would bind its target), and a link inside the module cache where go writes downloads.
        File.CreateSymbolicLink(Path.Combine(cache, "gocache"), outside);
        Directory.CreateDirectory(Path.Combine(cache, "gomodcache"));
        File.CreateSymbolicLink(Path.Combine(cache, "gomodcache", "cache"), outsideToo);
        var builder = new GoBuilder { Image = TestBed.BuilderImage, Transfer = transfer, CacheDirectory = cache };
        var module = GoModule.Load(source);
        try
        {
            await GoRestoreStep.RunAsync(engine, new GoRestoreRequest(module, Online(proxy), builder), _logger);
            await GoCompileStep.RunAsync(engine, new GoCompileRequest(module, Offline, builder, TestBed.TempDirectory("bin")), _logger);

            Directory.EnumerateFileSystemEntries(outside).ShouldBeEmpty();
            Directory.EnumerateFileSystemEntries(outsideToo).ShouldBeEmpty();
            new FileInfo(Path.Combine(cache, "gocache")).LinkTarget.ShouldBeNull();
            File.Exists(Path.Combine(cache, RestoredZip)).ShouldBeTrue();
            FilesIn(Path.Combine(cache, "gocache")).ShouldNotBeEmpty();
        }
        finally
        {
            await RemoveWarmBuildersAsync(engine, cache);
        }
    }

    [EngineFact]
    public async Task With_busybox_the_files_go_to_the_folders_owner_links_themselves_and_not_their_targets()
    {
        using var engine = await DockerEngine.ConnectAsync();
        var folder = new GoCacheFolder(TestBed.TempDirectory("cachedir")).Prepare();
        ProcessRunner.Run("chown", ["65534:65534", folder.ModuleCache, folder.BuildCache]).ExitCode.ShouldBe(0);
        // A root-owned file the builder can see, and a link to it the command makes in the cache.
        var rootOwned = Path.Combine(TestBed.TempDirectory("cachedir-root"), "root-owned");
        File.WriteAllText(rootOwned, "");
        var spec = new ContainerSpec
        {
            Image = TestBed.AlpineImage, Step = "compile",
            Command = GoCacheFolder.GivingFilesToTheFolderOwner(["sh", "-c", "mkdir -p /minicontainer/gocache/ab && echo x > /minicontainer/gocache/ab/f && ln -s /root-owned /minicontainer/gomodcache/link && exit 3"]),
            Binds =
            [
                new BindMount(folder.ModuleCache, GoCachePaths.InContainer.ModuleCache, ReadOnly: false),
                new BindMount(folder.BuildCache, GoCachePaths.InContainer.BuildCache, ReadOnly: false),
                new BindMount(rootOwned, "/root-owned", ReadOnly: false),
            ],
        };

        var exit = await new ContainerRunner(engine).RunAsync(spec);

        exit.ExitCode.ShouldBe(3, "the go command's exit code is kept");
        ProcessRunner.Run("find", [folder.ModuleCache, folder.BuildCache, "!", "-user", "65534"]).StandardOutput.Trim().ShouldBeEmpty();
        ProcessRunner.Run("stat", ["-c", "%u", rootOwned]).StandardOutput.Trim().ShouldBe("0", "the link was given away, not its target");
    }

    [EngineFact]
    public async Task With_busybox_find_and_tar_the_copy_back_brings_what_the_command_wrote_in_its_first_second()
    {
        // The Alpine stand-in has busybox's find (whole seconds) and tar (no -T), as golang:<v>-alpine builders do.
        using var engine = await DockerEngine.ConnectAsync();
        var folder = new GoCacheFolder(TestBed.TempDirectory("cachedir")).Prepare();
        var files = new ContainerFiles(engine);
        var spec = new ContainerSpec
        {
            Image = TestBed.AlpineImage, Step = "compile",
            Command = GoCacheCopy.Command(["sh", "-c", "mkdir -p /minicontainer/gocache/ab && echo entry > /minicontainer/gocache/ab/new-d && exit 3"]),
        };

        var exit = await new ContainerRunner(engine).RunAsync(spec,
            beforeStart: (container, ct) => GoCacheCopy.CopyInAsync(engine, container, folder, moduleCacheOnly: false, ct),
            afterExit: async (container, _, ct) => await GoCacheCopy.CopyOutAsync(files, container, folder, ct));

        exit.ExitCode.ShouldBe(3, "the go command's exit code is kept");
        File.ReadAllText(Path.Combine(folder.BuildCache, "ab", "new-d")).ShouldBe("entry\n");
    }

    [Fact]
    public async Task Without_an_engine_the_hosts_go_uses_the_cache_folder_and_restore_is_up_to_date_on_it()
    {
        var (source, proxy) = ModuleWithDependency();
        var cache = TestBed.TempDirectory("cachedir");
        var outside = TestBed.TempDirectory("cachedir-outside");
        Directory.CreateDirectory(Path.Combine(cache, "gomodcache"));
        File.CreateSymbolicLink(Path.Combine(cache, "gomodcache", "cache"), outside);
        using var host = SelectedGoBuilder.ForHost(new LocalGoBuilder { CacheDirectory = cache });
        var builder = new GoBuilder { Image = TestBed.BuilderImage, CacheDirectory = cache };
        var module = GoModule.Load(source);

        var first = await GoRestoreStep.RunAsync(host, new GoRestoreRequest(module, Online(proxy), builder), _logger);
        var second = await GoRestoreStep.RunAsync(host, new GoRestoreRequest(module, Online(proxy), builder), _logger);
        var compiled = await GoCompileStep.RunAsync(host, new GoCompileRequest(module, Offline, builder, TestBed.TempDirectory("bin")), _logger);

        first.UpToDate.ShouldBeFalse();
        second.UpToDate.ShouldBeTrue();
        File.Exists(Path.Combine(cache, RestoredZip)).ShouldBeTrue();
        FilesIn(Path.Combine(cache, "gocache")).Count.ShouldBeGreaterThan(10, "GOCACHE was the folder's gocache");
        Directory.EnumerateFileSystemEntries(outside).ShouldBeEmpty("the host's go never wrote through the planted link");
        ProcessRunner.Run(compiled.Binaries[0].Path, []).StandardOutput.Trim().ShouldBe("hello from the cache folder");
    }

    /// <summary>
    /// New entries in a Go build cache, less go's index of the checkout's own files (a fresh checkout's new times give a
    /// new one; it compiles nothing): an output starting "go index", and the action entry ("v1 action output size time") naming it.
    /// </summary>
    private static List<string> BuildCacheEntriesAddedBesidesTheSourceIndex(string buildCache, SortedSet<string> before)
    {
        bool IsIndex(string outputId) =>
            File.Exists(Path.Combine(buildCache, outputId[..2], outputId + "-d")) && File.ReadAllText(Path.Combine(buildCache, outputId[..2], outputId + "-d")).StartsWith("go index", StringComparison.Ordinal);
        return FilesIn(buildCache).Except(before).Where(entry =>
        {
            var name = Path.GetFileName(entry);
            if (name.EndsWith("-d", StringComparison.Ordinal)) return !IsIndex(name[..^2]);
            if (name.EndsWith("-a", StringComparison.Ordinal)) return File.ReadAllText(Path.Combine(buildCache, entry)).Split(' ') is not [_, _, var output, ..] || !IsIndex(output);
            return true;
        }).ToList();
    }

    private static async Task RemoveWarmBuildersAsync(DockerEngine engine, string cache)
    {
        foreach (var id in await LeftoverContainers.WarmBuildersOfAsync(engine, Path.Combine(cache, "gocache")))
            await engine.Client.Containers.RemoveContainerAsync(id, new global::Docker.DotNet.Models.ContainerRemoveParameters { Force = true });
    }
}
