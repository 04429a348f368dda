using MiniContainer.Compile;
using MiniContainer.Compose;
using MiniContainer.Docker;
using MiniContainer.Go;
using MiniContainer.Go.Builders;
using MiniContainer.Images;
using MiniContainer.IntegrationTests.Fixtures;
using MiniContainer.SmokeTest;
using Xunit.Abstractions;

namespace MiniContainer.IntegrationTests.Reliability;

/// <summary>Two pipelines of different projects at the same time on one engine, sharing its Go cache volumes.</summary>
[Collection(EngineCollection.Name)]
public sealed class ConcurrentPipelineTests(ITestOutputHelper output)
{
    [EngineFact]
    public async Task Two_projects_built_and_composed_at_once_on_one_engine_each_get_their_own_binary_and_image()
    {
        var logger = new TestLogger(output);
        using var engine = await DockerEngine.ConnectAsync(logger: logger);
        await using var images = new ImageCleanup(engine);
        var hello = TestBed.CopyOf(TestBed.Example("hello"), "concurrent-hello");
        var second = TestBed.TempDirectory("concurrent-second");
        File.WriteAllText(Path.Combine(second, "go.mod"), "module example.com/second\n\ngo 1.19\n");
        File.WriteAllText(Path.Combine(second, "main.go"), """
            package main

            import "fmt"

            var version = "dev"

            func main() { fmt.Printf("second %s\n", version) }
            """);
        var directories = new[] { hello, second };
        try
        {
            var results = await Task.WhenAll(
                PipelineAsync(engine, hello, "hello", "1.1.1", "-version", images, logger),
                PipelineAsync(engine, second, "second", "2.2.2", null, images, logger));

            results[0].Output.ShouldStartWith("hello 1.1.1 (go1.");
            results[1].Output.Trim().ShouldBe("second 2.2.2");
            results[0].ImageId.ShouldNotBe(results[1].ImageId);
            (await LeftoverContainers.OfStepsAsync(engine, "compile", SmokeTestStep.StepName)).ShouldBeEmpty();
        }
        finally
        {
            foreach (var directory in directories)
            {
                foreach (var id in await LeftoverContainers.WarmBuildersOfAsync(engine, directory))
                    await engine.Client.Containers.RemoveContainerAsync(id, new global::Docker.DotNet.Models.ContainerRemoveParameters { Force = true });
                Directory.Delete(directory, recursive: true);
            }
        }
    }

    private static async Task<(string Output, string ImageId)> PipelineAsync(DockerEngine engine, string source, string name, string version, string? argument, ImageCleanup images, TestLogger logger)
    {
        var options = new GoBuildOptions { Variables = new Dictionary<string, string> { ["main.version"] = version } };
        var request = new GoCompileRequest(GoModule.Load(source), options, new GoBuilder { Image = TestBed.BuilderImage }, Path.Combine(source, "artifacts", "bin"), SkipWhenUpToDate: false);
        var compiled = await GoCompileStep.RunAsync(engine, request, logger);
        var binary = compiled.Binaries.ShouldHaveSingleItem();
        var image = await ComposeImageStep.RunAsync(engine, new ComposeImageRequest(new RuntimeImageSpec().WithBaseImage(TestBed.AlpineImage).WithBinary(binary.Path), images.NewTag(name, "concurrent")), logger);
        var run = await SmokeTestStep.RunAsync(engine, image.Reference, SmokeTestSpec.OneShot($"{name} {version}", argument is null ? [] : [argument]), logger);
        return (run.OutputText, image.Id);
    }
}
