
namespace MiniContainer.Go;

/// <summary>Naming rules for Go package paths, as the go command applies them.</summary>
public static class GoPackagePaths
{
    /// <summary>
    /// The executable name <c>go build</c> gives a main package: the last path element, or the one
    /// before it when the last is a major-version suffix such as v2.
    /// </summary>
    public static string BinaryNameOf(string importPath)
    {
        var elements = importPath.TrimEnd('/').Split('/');
        var last = elements[^1];
        if (elements.Length > 1 && Grammar.IsMajorVersionSuffix(last))
            last = elements[^2];
        return last;
    }

    /// <summary>The import path of a package folder relative to the module root ("." is the module itself).</summary>
    public static string ImportPathOf(string modulePath, string relativeDirectory)
    {
        var relative = relativeDirectory.Replace('\\', '/').Trim('/');
        if (relative.StartsWith("./", StringComparison.Ordinal)) relative = relative[2..];
        return relative is "" or "." ? modulePath : $"{modulePath}/{relative}";
    }
}
