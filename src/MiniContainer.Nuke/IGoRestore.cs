using MiniContainer.Nuke.Hosting;
using MiniContainer.Restore;
using Nuke.Common;

namespace MiniContainer.Nuke;

/// <summary>Restore: <c>go mod download</c> in the builder container, into the module cache volume (skipped for vendor/).</summary>
public interface IGoRestore : IHazGoBuild
{
    Target GoRestore => _ => _
        .Description("Downloads the Go module's dependencies in the builder container")
        .Executes(() => StepRunner.RunAsync(async (engine, logger, cancellationToken) =>
        {
            var builder = await GoBuilderResolution.ResolveAsync(this, engine, logger, cancellationToken);
            await GoRestoreStep.RunAsync(engine, new GoRestoreRequest(GoModule, GoBuildOptions, builder), logger, cancellationToken);
        }));
}
