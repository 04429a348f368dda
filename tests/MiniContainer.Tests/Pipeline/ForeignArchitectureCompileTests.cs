using Microsoft.Extensions.Logging.Abstractions;
using MiniContainer.Go;
using MiniContainer.Compose.MultiPlatform;
using MiniContainer.Publish;
using MiniContainer.Pipeline;

namespace MiniContainer.Tests.Pipeline;

/// <summary>One foreign --goarch with CGO on is refused before anything is built, as each platform of several is.</summary>
public sealed class ForeignArchitectureCompileTests : IDisposable
{
    private readonly DirectoryInfo _module = Directory.CreateTempSubdirectory("minicontainer-foreign-arch-");

    public ForeignArchitectureCompileTests()
    {
        File.WriteAllText(Path.Combine(_module.FullName, "go.mod"), "module example.com/hello\n\ngo 1.19\n");
        File.WriteAllText(Path.Combine(_module.FullName, "main.go"), "package main\n\nfunc main() {}\n");
    }

    private static string ForeignArch => GoBuildOptions.HostGoArch() == "arm64" ? "amd64" : "arm64";

    private MiniContainerPipeline Pipeline(Dictionary<string, string> arguments)
    {
        var settings = MiniContainerPipeline.Resolve(new PipelineScript(), new DictionaryArgumentSource(arguments), _ => null, _module.FullName);
        return new MiniContainerPipeline(settings, NullLogger.Instance, new RunSummary(), _ => null);
    }

    [Fact]
    public async Task A_foreign_goarch_with_cgo_on_and_no_cross_compiler_fails_before_compiling()
    {
        var pipeline = Pipeline(new() { ["engine"] = "none", ["goarch"] = ForeignArch });

        var error = await Should.ThrowAsync<CrossCompilerRequiredException>(() => pipeline.GoCompileAsync(CancellationToken.None));

        error.GoArch.ShouldBe(ForeignArch);
        Directory.Exists(pipeline.Layout.BinDirectory).ShouldBeFalse("nothing was compiled");
    }

    public void Dispose() => _module.Delete(recursive: true);
}
