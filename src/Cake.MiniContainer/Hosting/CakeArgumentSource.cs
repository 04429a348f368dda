using Cake.Core;
using MiniContainer.Pipeline;

namespace Cake.MiniContainer.Hosting;

/// <summary>Cake's <c>--name=value</c> arguments as the pipeline's argument source.</summary>
internal sealed class CakeArgumentSource(ICakeContext context) : IArgumentSource
{
    public string? Get(PipelineArgument argument) =>
        context.Arguments.HasArgument(argument.Name) ? context.Arguments.GetArgument(argument.Name) : null;

    public IEnumerable<string> GivenNames => context.Arguments.GetArguments().Keys;
}
