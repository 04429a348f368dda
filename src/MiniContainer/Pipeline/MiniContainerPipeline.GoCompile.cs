using Microsoft.Extensions.Logging;
using MiniContainer.Compile;
using MiniContainer.Compose.MultiPlatform;
using MiniContainer.Go.Builders;

namespace MiniContainer.Pipeline;

public sealed partial class MiniContainerPipeline
{
    /// <summary>
    /// GoCompile: the static musl <c>go build</c> into bin/, one binary per main package. Several platforms are
    /// compiled, verified and composed one after another in ComposeImage instead.
    /// </summary>
    public Task GoCompileAsync(CancellationToken cancellationToken)
    {
        if (Settings.Binary is not null) return Skipped("GoCompile", "--binary names a file to verify");
        if (Settings.IsMultiPlatform)
        {
            _logger.LogInformation("GoCompile: {Count} platforms are compiled, verified and composed one after another in ComposeImage (into {Folder}/<os>-<arch>).",
                Settings.Platforms.Count, Layout.BinDirectory);
            return Task.CompletedTask;
        }
        return TimedAsync("GoCompile", async () =>
        {
            var module = Settings.RequireModule();
            // CGO on for a foreign GOARCH needs its C compiler (--cross-cc), as each platform of several does: refused before anything starts.
            var options = PlatformBuildOptions.For(GoBuildOptions, Settings.Platform, Settings.CrossCompilers, Go.GoBuildOptions.HostGoArch());
            using var selected = await SelectGoBuilderAsync(cancellationToken).ConfigureAwait(false);
            // With the engine the folder is kept: Compile skips the build when nothing changed and removes the
            // binaries of main packages it no longer builds. The host's go build has no such record.
            if (selected.Engine is null && Directory.Exists(Layout.BinDirectory))
                foreach (var stale in Directory.EnumerateFiles(Layout.BinDirectory)) File.Delete(stale);
            await EngineLoss.ReportAsync(selected.Engine, cancellationToken, async () =>
            {
                var builder = await GoBuilderChoice.ForAsync(selected, Settings.BuilderImage, module, FileTransfer.Auto, _logger, cancellationToken, Settings.CacheDirectory).ConfigureAwait(false);
                var result = await GoCompileStep.RunAsync(selected, new GoCompileRequest(module, options, builder, Layout.BinDirectory), _logger, cancellationToken).ConfigureAwait(false);
                foreach (var binary in result.Binaries) Summary.AddBinary(binary.Name, binary.SizeBytes);
            }).ConfigureAwait(false);
        });
    }
}
