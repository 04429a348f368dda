using Cake.Core;
using Cake.Core.Annotations;
using Cake.MiniContainer.GoRestore;
using Cake.MiniContainer.Hosting;
using MiniContainer;
using MiniContainer.Compile;
using MiniContainer.Go;
using MiniContainer.Go.Builders;
using MiniContainer.Restore;
using MiniContainer.Pipeline;

namespace Cake.MiniContainer;

public static partial class MiniContainerAliases
{
    /// <summary>Restore: <c>go mod download</c> in the builder container, filling the module cache volume (skipped for vendor/); with no engine (or <see cref="GoBuilderSettings.Builder"/> Local) on this machine's Go.</summary>
    [CakeMethodAlias]
    public static GoRestoreOutcome GoRestore(this ICakeContext context, GoRestoreSettings settings)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(settings);
        return StepExecution.Run(context, "GoRestore", async (logger, ct) =>
        {
            var module = settings.LoadModule(context);
            using var selected = await settings.SelectAsync(logger, ct).ConfigureAwait(false);
            return await EngineLoss.ReportAsync(selected.Engine, ct, async () =>
            {
                var builder = await settings.GoBuilderForAsync(selected, module, logger, ct).ConfigureAwait(false);
                var result = await GoRestoreStep.RunAsync(selected, new GoRestoreRequest(module, settings.ToOptions(context), builder), logger, ct).ConfigureAwait(false);
                return new GoRestoreOutcome(result.Skipped, result.Duration);
            }).ConfigureAwait(false);
        });
    }
}
