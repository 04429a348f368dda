using Microsoft.Extensions.Logging;
using MiniContainer.SmokeTest;

namespace MiniContainer.Pipeline;

public sealed partial class MiniContainerPipeline
{
    /// <summary>SmokeTest: runs each image of the list once and checks it starts; an image not in the engine (written without one) is skipped, saying so.</summary>
    public Task SmokeTestAsync(CancellationToken cancellationToken) => !Settings.RunSmokeTest
        ? Skipped("SmokeTest", "--smoke-test=false")
        : TimedAsync("SmokeTest", async () =>
    {
        var images = ImageList.Read(Layout);
        if (images.Any(i => i.InEngine))
        {
            using var engine = await ConnectAsync(cancellationToken).ConfigureAwait(false);
            foreach (var image in images.Where(i => i.InEngine))
            {
                var spec = Settings.SmokeTestFor(image.Binary) ?? SmokeTestSpec.Default;
                spec = spec with { Hardened = spec.Hardened && Settings.SmokeTestHardened };
                await EngineLoss.ReportAsync(engine, cancellationToken, () => SmokeTestStep.RunAsync(engine, image.Reference, spec, _logger, cancellationToken)).ConfigureAwait(false);
            }
        }
        foreach (var image in images.Where(i => !i.InEngine))
        {
            var written = image.IsIndex ? $"a multi-platform index in {image.Layout}" : image.Layout is not null ? $"an OCI layout in {image.Layout}" : $"a docker-archive, {image.Archive}";
            var reason = $"{image.Reference} was composed without a Docker Engine ({written}), and a smoke test runs the image in one: not tested. " +
                         $"Run it with an engine (docker load the archive under the output folder), or put it in the engine: {PipelineArguments.OutputFormat.CommandLine}=engine (the default when one answers).";
            _logger.LogWarning("SmokeTest skipped: {Reason}", reason);
            Summary.AddSkipped("SmokeTest", reason);
        }
    });
}
