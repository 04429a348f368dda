using MiniContainer.Docker;
using MiniContainer.Go;
using MiniContainer.IntegrationTests.Fixtures;
using MiniContainer.Steps;
using Xunit.Abstractions;

namespace MiniContainer.IntegrationTests.Steps;

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
