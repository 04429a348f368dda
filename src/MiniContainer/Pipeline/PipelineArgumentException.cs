namespace MiniContainer.Pipeline;

/// <summary>A pipeline setting has a value that cannot work; the message names the argument, where the value came from, and what is allowed.</summary>
public sealed class PipelineArgumentException(PipelineArgument argument, string message) : MiniContainerException(message)
{
    public PipelineArgument Argument { get; } = argument;
}
