namespace MiniContainer.Registry;

/// <summary>The token scopes of the distribution spec's resource scope grammar.</summary>
internal static class RegistryScopes
{
    public static string[] Pull(string repository) => [$"repository:{repository}:pull"];

    public static string[] Push(string repository) => [$"repository:{repository}:pull,push"];

    public static string[] Mount(string repository, string fromRepository) => [$"repository:{repository}:pull,push", $"repository:{fromRepository}:pull"];
}
