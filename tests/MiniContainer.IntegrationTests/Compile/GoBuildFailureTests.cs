using System.Diagnostics;
using MiniContainer.Compile;
using MiniContainer.Docker;
using MiniContainer.Go;
using MiniContainer.Go.Builders;
using MiniContainer.IntegrationTests.Fixtures;
using Xunit.Abstractions;

namespace MiniContainer.IntegrationTests.Compile;

[Collection(EngineCollection.Name)]
public class GoBuildFailureTests(ITestOutputHelper output)
{
    private readonly TestLogger _logger = new(output);
    private static readonly GoBuilder Builder = new() { Image = TestBed.BuilderImage };

    private static string Module(string mainGo)
    {
        var source = TestBed.TempDirectory("broken");
        File.WriteAllText(Path.Combine(source, "go.mod"), "module example.com/broken\n\ngo 1.19\n");
        File.WriteAllText(Path.Combine(source, "main.go"), mainGo);
        return source;
    }

    [EngineFact]
    public async Task A_compile_error_shows_the_compilers_own_lines_and_exit_code_and_leaves_no_container()
    {
        using var engine = await DockerEngine.ConnectAsync();
        var source = Module("package main\n\nfunc main() {\n\tundefinedThing()\n}\n");
        var request = new GoCompileRequest(GoModule.Load(source), new GoBuildOptions(), Builder, TestBed.TempDirectory("bin"));

        var error = await Should.ThrowAsync<GoCommandFailedException>(() => GoCompileStep.RunAsync(engine, request, _logger));

        error.ExitCode.ShouldNotBe(0);
        error.Message.ShouldContain($"go build failed with exit code {error.ExitCode}");
        error.Message.ShouldContain("./main.go:4:2: undefined: undefinedThing");
        (await LeftoverContainers.OfStepsAsync(engine, "compile")).ShouldBeEmpty();
    }

    [EngineFact]
    public async Task A_missing_builder_image_is_named_with_how_to_get_one()
    {
        using var engine = await DockerEngine.ConnectAsync();
        var builder = new GoBuilder { Image = "minicontainer-testbed/no-such-builder:0" };
        var request = new GoCompileRequest(GoModule.Load(TestBed.Example("hello")), new GoBuildOptions(), builder, TestBed.TempDirectory("bin"));

        var error = await Should.ThrowAsync<DockerImageMissingException>(() => GoCompileStep.RunAsync(engine, request, _logger));

        error.Message.ShouldContain("'minicontainer-testbed/no-such-builder:0'");
        error.Message.ShouldContain("--builder-image");
        error.Message.ShouldContain("golang:1.19-alpine");
    }

    [EngineFact]
    public async Task A_library_package_is_refused_before_any_container_starts()
    {
        using var engine = await DockerEngine.ConnectAsync();
        var source = Module("package main\n\nfunc main() {}\n");
        Directory.CreateDirectory(Path.Combine(source, "lib"));
        File.WriteAllText(Path.Combine(source, "lib", "lib.go"), "package lib\n");
        var request = new GoCompileRequest(GoModule.Load(source), new GoBuildOptions { Packages = ["./lib"] }, Builder, TestBed.TempDirectory("bin"));

        var error = await Should.ThrowAsync<MiniContainerException>(() => GoCompileStep.RunAsync(engine, request, _logger));

        error.Message.ShouldContain("not a main package");
    }

    [Theory]
    [InlineData("tcp://127.0.0.1:1")]
    [InlineData("unix:///tmp/minicontainer-no-such-engine.sock")]
    public async Task An_engine_that_does_not_answer_is_named_in_the_error(string endpoint)
    {
        var error = await Should.ThrowAsync<DockerEngineUnavailableException>(() => DockerEngine.ConnectAsync(new Uri(endpoint)));

        error.Message.ShouldContain(endpoint.TrimEnd('/'));
        error.Message.ShouldContain("DOCKER_HOST");
    }

    [EngineFact]
    public async Task Cancelling_a_compile_removes_its_container_within_seconds()
    {
        using var engine = await DockerEngine.ConnectAsync();
        var source = TestBed.CopyOf(TestBed.Example("hello"), "cancel");
        // A cold build cache of its own keeps the compile busy long enough to cancel it midway.
        var builder = Builder with { BuildCacheVolume = $"mc-test-gocache-{Guid.NewGuid():N}" };
        var request = new GoCompileRequest(GoModule.Load(source), new GoBuildOptions(), builder, TestBed.TempDirectory("bin"));
        using var cancellation = new CancellationTokenSource();
        try
        {
            var compile = GoCompileStep.RunAsync(engine, request, _logger, cancellation.Token);
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while ((await LeftoverContainers.WarmBuildersOfAsync(engine, source)).Count == 0 && DateTime.UtcNow < deadline && !compile.IsCompleted)
                await Task.Delay(100);
            (await LeftoverContainers.WarmBuildersOfAsync(engine, source)).ShouldNotBeEmpty("the builder container should be running");
            await Task.Delay(500); // let go build get going inside it

            var clock = Stopwatch.StartNew();
            cancellation.Cancel();

            await Should.ThrowAsync<OperationCanceledException>(() => compile);
            (await LeftoverContainers.OfStepsAsync(engine, "compile")).ShouldBeEmpty();
            (await LeftoverContainers.WarmBuildersOfAsync(engine, source)).ShouldBeEmpty();
            clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(15), "from the cancel to the container gone");
        }
        finally
        {
            await engine.Client.Volumes.RemoveAsync(builder.BuildCacheVolume, force: true);
        }
    }
}
