namespace MiniContainer.Pipeline;

/// <summary>The image of each binary: <c>&lt;image&gt;</c> for a module with one main package, <c>&lt;image&gt;-&lt;binary&gt;</c> for several.</summary>
public static class ImageNaming
{
    public static string RepositoryFor(string image, string binary, int binaryCount) =>
        binaryCount == 1 ? image : $"{image}-{binary.ToLowerInvariant()}";
}
