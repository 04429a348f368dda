using MiniContainer;

namespace Cake.MiniContainer.Recipe;

/// <summary>A recipe argument has a value that cannot work; the message names the argument, where the value came from, and what is allowed.</summary>
public sealed class RecipeArgumentException(RecipeArgument argument, string message) : MiniContainerException(message)
{
    public RecipeArgument Argument { get; } = argument;
}
