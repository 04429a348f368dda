using MiniContainer.Compile;
using MiniContainer.Docker;
using MiniContainer.Go;
using MiniContainer.Go.Builders;
using MiniContainer.IntegrationTests.Fixtures;
using Xunit.Abstractions;

namespace MiniContainer.IntegrationTests.Go.Builders;

[Collection(EngineCollection.Name)]
public class WarmBuilderTests(ITestOutputHelper output)
{
    private readonly TestLogger _logger = new(output);

    [EngineFact]
    public async Task Rebuilds_of_a_project_run_in_the_same_warm_builder_container()
    {
        using var engine = await DockerEngine.ConnectAsync();
        var source = TestBed.CopyOf(TestBed.Example("hello"), "warm");
        var request = new GoCompileRequest(GoModule.Load(source), new GoBuildOptions(), new GoBuilder { Image = TestBed.BuilderImage }, TestBed.TempDirectory("bin"));

        await GoCompileStep.RunAsync(engine, request, _logger);
        var first = await LeftoverContainers.WarmBuildersOfAsync(engine, source);
        File.AppendAllText(Path.Combine(source, "main.go"), "\nconst rebuilt = true\n");
        var rebuilt = await GoCompileStep.RunAsync(engine, request, _logger);
        var second = await LeftoverContainers.WarmBuildersOfAsync(engine, source);

        first.ShouldHaveSingleItem();
        second.ShouldBe(first);
        ProcessRunner.Run(rebuilt.Binaries[0].Path, ["--version"]).ExitCode.ShouldBe(0);
        await engine.Client.Containers.RemoveContainerAsync(first[0], new() { Force = true });
    }

    [EngineFact]
    public async Task A_deleted_output_folder_gets_a_new_warm_builder_and_the_binary_lands_in_the_new_folder()
    {
        using var engine = await DockerEngine.ConnectAsync();
        var source = TestBed.CopyOf(TestBed.Example("hello"), "output-gone");
        var output = Path.Combine(TestBed.TempDirectory("bin"), "artifacts", "bin");
        var request = new GoCompileRequest(GoModule.Load(source), new GoBuildOptions(), new GoBuilder { Image = TestBed.BuilderImage }, output);

        await GoCompileStep.RunAsync(engine, request, _logger);
        var first = await LeftoverContainers.WarmBuildersOfAsync(engine, source);
        Directory.Delete(Path.GetDirectoryName(output)!, recursive: true); // `git clean -fdx`, `rm -rf artifacts`
        var again = await GoCompileStep.RunAsync(engine, request, _logger);
        var second = await LeftoverContainers.WarmBuildersOfAsync(engine, source);

        File.Exists(again.Binaries[0].Path).ShouldBeTrue();
        ProcessRunner.Run(again.Binaries[0].Path, ["--version"]).ExitCode.ShouldBe(0);
        second.ShouldHaveSingleItem();
        second.ShouldNotBe(first);
        _logger.Text.ShouldContain("a folder it binds was made anew since it started");
        await engine.Client.Containers.RemoveContainerAsync(second[0], new() { Force = true });
    }

    [EngineFact]
    public async Task A_source_folder_cloned_again_at_the_same_path_is_built_from_the_new_files()
    {
        using var engine = await DockerEngine.ConnectAsync();
        var source = TestBed.CopyOf(TestBed.Example("hello"), "recloned");
        var request = new GoCompileRequest(GoModule.Load(source), new GoBuildOptions(), new GoBuilder { Image = TestBed.BuilderImage }, TestBed.TempDirectory("bin"));
        await GoCompileStep.RunAsync(engine, request, _logger);

        var copy = TestBed.CopyOf(source, "reclone-copy");
        Directory.Delete(source, recursive: true);
        Directory.Move(copy, source);
        var main = Path.Combine(source, "main.go");
        File.WriteAllText(main, System.Text.RegularExpressions.Regex.Replace(File.ReadAllText(main), "var version = \"[^\"]*\"", "var version = \"recloned\""));
        var rebuilt = await GoCompileStep.RunAsync(engine, request, _logger);

        ProcessRunner.Run(rebuilt.Binaries[0].Path, ["--version"]).StandardOutput.ShouldContain("hello recloned");
        foreach (var id in await LeftoverContainers.WarmBuildersOfAsync(engine, source))
            await engine.Client.Containers.RemoveContainerAsync(id, new() { Force = true });
    }

    [EngineFact]
    public async Task An_idle_warm_builder_removes_itself()
    {
        using var engine = await DockerEngine.ConnectAsync();
        var source = TestBed.CopyOf(TestBed.Example("hello"), "idle");
        var builder = new GoBuilder { Image = TestBed.BuilderImage, WarmIdleTimeout = TimeSpan.FromSeconds(2) };
        var request = new GoCompileRequest(GoModule.Load(source), new GoBuildOptions { Cgo = false }, builder, TestBed.TempDirectory("bin"));

        await GoCompileStep.RunAsync(engine, request, _logger);
        (await LeftoverContainers.WarmBuildersOfAsync(engine, source)).ShouldNotBeEmpty();

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((await LeftoverContainers.WarmBuildersOfAsync(engine, source)).Count > 0 && DateTime.UtcNow < deadline)
            await Task.Delay(250);
        (await LeftoverContainers.WarmBuildersOfAsync(engine, source)).ShouldBeEmpty();
    }

    [EngineFact]
    public async Task Without_keep_warm_no_builder_container_outlives_the_build()
    {
        using var engine = await DockerEngine.ConnectAsync();
        var source = TestBed.CopyOf(TestBed.Example("hello"), "cold");
        var builder = new GoBuilder { Image = TestBed.BuilderImage, KeepWarm = false };
        var request = new GoCompileRequest(GoModule.Load(source), new GoBuildOptions { Cgo = false }, builder, TestBed.TempDirectory("bin"));

        await GoCompileStep.RunAsync(engine, request, _logger);

        (await LeftoverContainers.WarmBuildersOfAsync(engine, source)).ShouldBeEmpty();
        (await LeftoverContainers.OfStepsAsync(engine, "compile")).ShouldBeEmpty();
    }
}
