using Microsoft.Extensions.Logging;
using MiniContainer.SmokeTest;

namespace MiniContainer.Pipeline;

public sealed partial class MiniContainerPipeline
{
    /// <summary>SmokeTest: runs each image of the list once and checks it starts; an image composed without an engine is skipped, saying so.</summary>
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
            var reason = $"{image.Reference} was composed without a Docker Engine ({(image.IsIndex ? "a multi-platform index" : "an OCI layout")} in {image.Layout}), " +
                         "and a smoke test runs the image in one: not tested. Run it with an engine (docker load the archive under the output folder), or build with --engine=docker.";
            _logger.LogWarning("SmokeTest skipped: {Reason}", reason);
            Summary.AddSkipped("SmokeTest", reason);
        }
    });
}
