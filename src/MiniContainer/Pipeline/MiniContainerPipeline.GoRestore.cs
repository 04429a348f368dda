using MiniContainer;
using MiniContainer.Compile;
using MiniContainer.Go;
using MiniContainer.Go.Builders;
using MiniContainer.Restore;

namespace MiniContainer.Pipeline;

public sealed partial class MiniContainerPipeline
{
    /// <summary>GoRestore: <c>go mod download</c> in the builder container (module cache on a volume), or with this machine's Go; skipped for vendor/.</summary>
    public Task GoRestoreAsync(CancellationToken cancellationToken) => Settings.Binary is not null
        ? Skipped("GoRestore", "--binary names a file to verify")
        : TimedAsync("GoRestore", async () =>
    {
        var module = Settings.RequireModule();
        using var selected = await SelectGoBuilderAsync(cancellationToken).ConfigureAwait(false);
        await EngineLoss.ReportAsync(selected.Engine, cancellationToken, async () =>
        {
            var builder = await GoBuilderChoice.ForAsync(selected, Settings.BuilderImage, module, FileTransfer.Auto, _logger, cancellationToken, Settings.CacheDirectory).ConfigureAwait(false);
            await GoRestoreStep.RunAsync(selected, new GoRestoreRequest(module, GoBuildOptions, builder), _logger, cancellationToken).ConfigureAwait(false);
        }).ConfigureAwait(false);
    });
}
