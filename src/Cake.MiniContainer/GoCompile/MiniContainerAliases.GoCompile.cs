using Cake.Core;
using Cake.Core.Annotations;
using Cake.MiniContainer.GoCompile;
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
    /// <summary>Compile: the static musl <c>go build</c> in the builder container (with no engine, or Builder Local: this machine's Go and musl-gcc); one binary per main package.</summary>
    [CakeMethodAlias]
    public static IReadOnlyList<GoBinary> GoCompile(this ICakeContext context, GoCompileSettings settings)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(settings);
        return StepExecution.Run(context, "GoCompile", async (logger, ct) =>
        {
            var module = settings.LoadModule(context);
            using var selected = await settings.SelectAsync(logger, ct).ConfigureAwait(false);
            return await EngineLoss.ReportAsync(selected.Engine, ct, async () =>
            {
                var builder = await settings.GoBuilderForAsync(selected, module, logger, ct).ConfigureAwait(false);
                var output = settings.OutputDirectory?.MakeAbsolute(context.Environment).FullPath ?? Path.Combine(module.Directory, "artifacts", "bin");
                var result = await GoCompileStep.RunAsync(selected, new GoCompileRequest(module, settings.ToOptions(context), builder, output), logger, ct).ConfigureAwait(false);
                foreach (var binary in result.Binaries) RunSummary.Current.AddBinary(binary.Name, binary.SizeBytes);
                return (IReadOnlyList<GoBinary>)result.Binaries.Select(b => new GoBinary(b.Name, b.Path, b.ImportPath, b.SizeBytes)).ToList();
            }).ConfigureAwait(false);
        });
    }
}
