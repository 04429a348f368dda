namespace Cake.MiniContainer.Recipe;

/// <summary>One recipe argument: <c>--name=value</c>, also <c>MINICONTAINER_&lt;NAME&gt;</c>.</summary>
public sealed record RecipeArgument(string Name, string Meaning, string Default)
{
    public string EnvironmentVariable => "MINICONTAINER_" + Name.ToUpperInvariant().Replace('-', '_');

    public string CommandLine => "--" + Name;
}
