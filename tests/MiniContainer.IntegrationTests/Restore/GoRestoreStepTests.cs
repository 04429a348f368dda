using MiniContainer.Compile;
using MiniContainer.Docker;
using MiniContainer.Go;
using MiniContainer.Go.Builders;
using MiniContainer.IntegrationTests.Fixtures;
using MiniContainer.Restore;
using Xunit.Abstractions;

namespace MiniContainer.IntegrationTests.Restore;

[Collection(EngineCollection.Name)]
public class GoRestoreStepTests(ITestOutputHelper output)
{
    private readonly TestLogger _logger = new(output);

    /// <summary>A module that needs example.com/greeting, served only by a file:// proxy.</summary>
    private static (string Source, GoFileProxy Proxy) ModuleWithDependency()
    {
        var proxy = new GoFileProxy(TestBed.TempDirectory("goproxy"));
        var sums = proxy.AddModule("example.com/greeting", "v1.0.0", new Dictionary<string, string>
        {
            ["greeting.go"] = "package greeting\n\nfunc Hello() string { return \"hello from a restored module\" }\n",
        });
        var source = TestBed.TempDirectory("restore");
        File.WriteAllText(Path.Combine(source, "go.mod"), "module example.com/consumer\n\ngo 1.19\n\nrequire example.com/greeting v1.0.0\n");
        File.WriteAllText(Path.Combine(source, "go.sum"), sums);
        File.WriteAllText(Path.Combine(source, "main.go"),
            "package main\n\nimport (\n\t\"fmt\"\n\n\t\"example.com/greeting\"\n)\n\nfunc main() { fmt.Println(greeting.Hello()) }\n");
        return (source, proxy);
    }

    [EngineTheory]
    [InlineData(FileTransfer.BindMount)]
    [InlineData(FileTransfer.Copy)]
    public async Task Restore_fills_the_module_cache_so_compile_works_with_the_proxy_off(FileTransfer transfer)
    {
        using var engine = await DockerEngine.ConnectAsync();
        var (source, proxy) = ModuleWithDependency();
        // A module cache of this test's own, so only this restore can have filled it.
        // Not kept warm: the test removes its volume at the end.
        var builder = new GoBuilder { Image = TestBed.BuilderImage, Transfer = transfer, KeepWarm = false, ModuleCacheVolume = $"mc-test-gomod-{Guid.NewGuid():N}" };
        var module = GoModule.Load(source);
        try
        {
            var online = new GoBuildOptions { Environment = new Dictionary<string, string> { ["GOPROXY"] = proxy.Url, ["GOSUMDB"] = "off" } };
            var restored = await GoRestoreStep.RunAsync(engine, new GoRestoreRequest(module, online, builder), _logger);
            restored.Skipped.ShouldBeFalse();

            var offline = new GoBuildOptions { Cgo = false, Environment = new Dictionary<string, string> { ["GOPROXY"] = "off", ["GOFLAGS"] = "-mod=readonly" } };
            var compiled = await GoCompileStep.RunAsync(engine, new GoCompileRequest(module, offline, builder, TestBed.TempDirectory("bin")), _logger);

            ProcessRunner.Run(compiled.Binaries[0].Path, []).StandardOutput.Trim().ShouldBe("hello from a restored module");
            (await LeftoverContainers.OfStepsAsync(engine, "restore", "compile")).ShouldBeEmpty();
        }
        finally
        {
            await engine.Client.Volumes.RemoveAsync(builder.ModuleCacheVolume, force: true);
        }
    }

    [EngineFact]
    public async Task A_second_restore_of_the_same_module_is_skipped_until_its_module_cache_volume_is_made_anew()
    {
        using var engine = await DockerEngine.ConnectAsync();
        var (source, proxy) = ModuleWithDependency();
        var builder = new GoBuilder { Image = TestBed.BuilderImage, KeepWarm = false, ModuleCacheVolume = $"mc-test-gomod-{Guid.NewGuid():N}" };
        var module = GoModule.Load(source);
        var online = new GoBuildOptions { Environment = new Dictionary<string, string> { ["GOPROXY"] = proxy.Url, ["GOSUMDB"] = "off" } };
        try
        {
            var first = await GoRestoreStep.RunAsync(engine, new GoRestoreRequest(module, online, builder), _logger);
            var second = await GoRestoreStep.RunAsync(engine, new GoRestoreRequest(module, online, builder), _logger);
            await engine.Client.Volumes.RemoveAsync(builder.ModuleCacheVolume, force: true);
            var afterRemoval = await GoRestoreStep.RunAsync(engine, new GoRestoreRequest(module, online, builder), _logger);
            var offline = new GoBuildOptions { Cgo = false, Environment = new Dictionary<string, string> { ["GOPROXY"] = "off", ["GOFLAGS"] = "-mod=readonly" } };
            var compiled = await GoCompileStep.RunAsync(engine, new GoCompileRequest(module, offline, builder, TestBed.TempDirectory("bin")), _logger);

            first.UpToDate.ShouldBeFalse();
            second.UpToDate.ShouldBeTrue();
            afterRemoval.UpToDate.ShouldBeFalse("a new volume holds no download");
            ProcessRunner.Run(compiled.Binaries[0].Path, []).StandardOutput.Trim().ShouldBe("hello from a restored module");
        }
        finally
        {
            await engine.Client.Volumes.RemoveAsync(builder.ModuleCacheVolume, force: true);
        }
    }

    [EngineFact]
    public async Task Without_a_restore_the_offline_compile_fails_with_the_go_commands_own_words()
    {
        using var engine = await DockerEngine.ConnectAsync();
        var (source, _) = ModuleWithDependency();
        var builder = new GoBuilder { Image = TestBed.BuilderImage, KeepWarm = false, ModuleCacheVolume = $"mc-test-gomod-{Guid.NewGuid():N}" };
        try
        {
            var offline = new GoBuildOptions { Cgo = false, Environment = new Dictionary<string, string> { ["GOPROXY"] = "off" } };
            var request = new GoCompileRequest(GoModule.Load(source), offline, builder, TestBed.TempDirectory("bin"));

            var error = await Should.ThrowAsync<GoCommandFailedException>(() => GoCompileStep.RunAsync(engine, request, _logger));

            error.ExitCode.ShouldNotBe(0);
            error.Message.ShouldContain("example.com/greeting");
            error.Message.ShouldContain("GOPROXY=off");
        }
        finally
        {
            await engine.Client.Volumes.RemoveAsync(builder.ModuleCacheVolume, force: true);
        }
    }

    [EngineFact]
    public async Task A_vendored_module_skips_restore_with_a_notice_and_compiles_with_mod_vendor()
    {
        using var engine = await DockerEngine.ConnectAsync();
        var source = TestBed.TempDirectory("vendored");
        // go 1.13: too old for -mod=vendor to be implied; without the flag Go would reach for the network.
        File.WriteAllText(Path.Combine(source, "go.mod"), "module example.com/vendored\n\ngo 1.13\n\nrequire example.com/greeting v1.0.0\n");
        Directory.CreateDirectory(Path.Combine(source, "vendor", "example.com", "greeting"));
        File.WriteAllText(Path.Combine(source, "vendor", "modules.txt"), "# example.com/greeting v1.0.0\n## explicit\nexample.com/greeting\n");
        File.WriteAllText(Path.Combine(source, "vendor", "example.com", "greeting", "greeting.go"), "package greeting\n\nfunc Hello() string { return \"vendored hello\" }\n");
        File.WriteAllText(Path.Combine(source, "main.go"), "package main\n\nimport (\n\t\"fmt\"\n\n\t\"example.com/greeting\"\n)\n\nfunc main() { fmt.Println(greeting.Hello()) }\n");
        var module = GoModule.Load(source);
        var builder = new GoBuilder { Image = TestBed.BuilderImage };
        var offline = new GoBuildOptions { Cgo = false, Environment = new Dictionary<string, string> { ["GOPROXY"] = "off" } };

        var restored = await GoRestoreStep.RunAsync(engine, new GoRestoreRequest(module, offline, builder), _logger);
        var compiled = await GoCompileStep.RunAsync(engine, new GoCompileRequest(module, offline, builder, TestBed.TempDirectory("bin")), _logger);

        restored.Skipped.ShouldBeTrue();
        _logger.Text.ShouldContain("Restore skipped");
        _logger.Text.ShouldContain("-mod=vendor");
        ProcessRunner.Run(compiled.Binaries[0].Path, []).StandardOutput.Trim().ShouldBe("vendored hello");
    }
}
