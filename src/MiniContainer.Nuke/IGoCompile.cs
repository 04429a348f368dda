using MiniContainer.Compile;
using MiniContainer.Nuke.Hosting;
using Nuke.Common;
using Nuke.Common.IO;

namespace MiniContainer.Nuke;

/// <summary>Compile: the static musl <c>go build</c> in the builder container, into <see cref="IHazMiniContainerArtifacts.BinariesDirectory"/>.</summary>
public interface IGoCompile : IGoRestore
{
    Target GoCompile => _ => _
        .Description("Builds the static binaries in the builder container")
        .DependsOn(GoRestore)
        .Produces(BinariesDirectory / "*")
        .Executes(() => StepRunner.RunAsync(async (engine, logger, cancellationToken) =>
        {
            var builder = await GoBuilderResolution.ResolveAsync(this, engine, logger, cancellationToken);
            await GoCompileStep.RunAsync(engine, new GoCompileRequest(GoModule, GoBuildOptions, builder, BinariesDirectory), logger, cancellationToken);
        }));
}
