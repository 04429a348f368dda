using MiniContainer.Compile;
using MiniContainer.Docker;
using MiniContainer.Go;
using MiniContainer.Go.Builders;
using MiniContainer.IntegrationTests.Fixtures;
using Xunit.Abstractions;

namespace MiniContainer.IntegrationTests.Compile;

/// <summary>
/// Copy transfer (a remote engine): Go keeps an index of each package's files in the build cache, keyed on their names,
/// sizes and modification times, so an edit that keeps a file's size must reach the builder with another time.
/// </summary>
[Collection(EngineCollection.Name)]
public class CopiedSourceEditTests(ITestOutputHelper output)
{
    private readonly TestLogger _logger = new(output);

    // "linux" and "never" are the same length: swapping them keeps both files' sizes and changes which one is built.
    private static string Message(string file, string constraint) =>
        $"//go:build {constraint}\n\npackage main\n\nfunc message() string {{ return \"built from {file}\" }}\n";

    [EngineTheory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_same_size_edit_of_a_copied_source_is_built_with_a_build_cache_shared_with_the_compile_before_it(bool cacheFolder)
    {
        using var engine = await DockerEngine.ConnectAsync();
        var source = TestBed.TempDirectory("same-size-edit");
        File.WriteAllText(Path.Combine(source, "go.mod"), "module example.com/sametime\n\ngo 1.19\n");
        File.WriteAllText(Path.Combine(source, "main.go"), "package main\n\nfunc main() { println(message()) }\n");
        File.WriteAllText(Path.Combine(source, "a.go"), Message("a.go", "linux"));
        File.WriteAllText(Path.Combine(source, "b.go"), Message("b.go", "never"));
        // A build cache of this test's own, shared by both compiles: in a volume, or in a --cache-dir folder copied in and back.
        var builder = new GoBuilder
        {
            Image = TestBed.BuilderImage, Transfer = FileTransfer.Copy,
            BuildCacheVolume = $"mc-test-gocache-{Guid.NewGuid():N}",
            CacheDirectory = cacheFolder ? TestBed.TempDirectory("same-size-edit-cache") : null,
        };
        var options = new GoBuildOptions { Cgo = false };
        try
        {
            var first = await GoCompileStep.RunAsync(engine, new GoCompileRequest(GoModule.Load(source), options, builder, TestBed.TempDirectory("bin"), SkipWhenUpToDate: false), _logger);
            File.WriteAllText(Path.Combine(source, "a.go"), Message("a.go", "never"));
            File.WriteAllText(Path.Combine(source, "b.go"), Message("b.go", "linux"));
            var second = await GoCompileStep.RunAsync(engine, new GoCompileRequest(GoModule.Load(source), options, builder, TestBed.TempDirectory("bin"), SkipWhenUpToDate: false), _logger);

            _logger.Text.ShouldContain("copy through the engine");
            ProcessRunner.Run(first.Binaries[0].Path, []).StandardError.Trim().ShouldBe("built from a.go");
            ProcessRunner.Run(second.Binaries[0].Path, []).StandardError.Trim().ShouldBe("built from b.go", "the edit swapped which file the build takes");
        }
        finally
        {
            if (!cacheFolder) await engine.Client.Volumes.RemoveAsync(builder.BuildCacheVolume, force: true);
        }
    }
}
