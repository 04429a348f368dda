namespace MiniContainer.Go;

/// <summary>
/// Turns the package patterns a user names ("." , "./cmd/api", "./cmd/...") into the main packages
/// of a module, reading package clauses from the source the way the go command would.
/// </summary>
public static class GoMainPackageFinder
{
    public static IReadOnlyList<GoMainPackage> Find(GoModule module, IEnumerable<string> patterns)
    {
        var found = new List<GoMainPackage>();
        foreach (var pattern in patterns.DefaultIfEmpty("."))
        {
            var relative = Normalize(pattern);
            if (relative.EndsWith("/...", StringComparison.Ordinal) || relative == "...")
                found.AddRange(FindUnder(module, relative == "..." ? "." : relative[..^4], pattern));
            else
                found.Add(Single(module, relative, pattern));
        }

        var clash = found.GroupBy(p => p.BinaryName).FirstOrDefault(g => g.Select(p => p.ImportPath).Distinct().Count() > 1);
        if (clash is not null)
            throw new MiniContainerException(
                $"Two main packages would build to the same binary name '{clash.Key}': {string.Join(", ", clash.Select(p => p.RelativePath).Distinct())}. Rename one folder or build them separately.");
        return found.DistinctBy(p => p.ImportPath).ToList();
    }

    private static GoMainPackage Single(GoModule module, string relative, string pattern)
    {
        var directory = Path.Combine(module.Directory, relative);
        if (!Directory.Exists(directory))
            throw new MiniContainerException($"The package '{pattern}' names no folder: {directory} does not exist.");
        var name = PackageNameOf(directory)
            ?? throw new MiniContainerException($"The package '{pattern}' has no Go source files in {directory}.");
        if (name != "main")
            throw new MiniContainerException(
                $"The package '{pattern}' is `package {name}`, not a main package: only a main package builds into a binary. Name a folder whose files say `package main`.");
        return ToMainPackage(module, relative);
    }

    private static IEnumerable<GoMainPackage> FindUnder(GoModule module, string relativeRoot, string pattern)
    {
        var root = Path.Combine(module.Directory, relativeRoot);
        if (!Directory.Exists(root))
            throw new MiniContainerException($"The pattern '{pattern}' names no folder: {root} does not exist.");
        var mains = EnumeratePackageDirectories(root)
            .Where(directory => PackageNameOf(directory) == "main")
            .Select(directory => ToMainPackage(module, Path.GetRelativePath(module.Directory, directory)))
            .OrderBy(p => p.RelativePath, StringComparer.Ordinal)
            .ToList();
        if (mains.Count == 0)
            throw new MiniContainerException($"The pattern '{pattern}' matches no main package under {root}.");
        return mains;
    }

    private static IEnumerable<string> EnumeratePackageDirectories(string root)
    {
        yield return root;
        foreach (var child in Directory.EnumerateDirectories(root).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(child);
            // The go command skips these in "..." patterns.
            if (name is "vendor" or "testdata" || name.StartsWith('.') || name.StartsWith('_')) continue;
            if (File.Exists(Path.Combine(child, "go.mod"))) continue; // a nested module is not ours
            foreach (var directory in EnumeratePackageDirectories(child)) yield return directory;
        }
    }

    private static GoMainPackage ToMainPackage(GoModule module, string relative)
    {
        var normalized = Normalize(relative);
        var importPath = GoPackagePaths.ImportPathOf(module.ModulePath, normalized);
        return new GoMainPackage(normalized == "." ? "." : "./" + normalized, importPath, GoPackagePaths.BinaryNameOf(importPath));
    }

    /// <summary>The package name of the non-test Go files in a folder, or null when it has none.</summary>
    internal static string? PackageNameOf(string directory)
    {
        foreach (var file in Directory.EnumerateFiles(directory, "*.go").Order(StringComparer.Ordinal))
        {
            if (file.EndsWith("_test.go", StringComparison.Ordinal)) continue;
            var name = PackageClauseOf(File.ReadAllText(file));
            if (name is not null) return name;
        }
        return null;
    }

    /// <summary>
    /// The name in a file's package clause: its first token after comments (build constraints are
    /// comments too) is "package", then the name. Scanned by hand: the first use of a regex costs
    /// ~20 ms in a fresh process, before every build.
    /// </summary>
    internal static string? PackageClauseOf(string source)
    {
        var text = source.AsSpan();
        var position = SkipSpaceAndComments(text, 0);
        if (!text[position..].StartsWith("package") || position + 7 >= text.Length || !IsSpace(text[position + 7])) return null;
        var start = SkipSpaceAndComments(text, position + 7);
        var end = start;
        while (end < text.Length && (char.IsAsciiLetterOrDigit(text[end]) || text[end] == '_')) end++;
        return end > start && !char.IsAsciiDigit(text[start]) ? text[start..end].ToString() : null;
    }

    private static int SkipSpaceAndComments(ReadOnlySpan<char> text, int position)
    {
        while (position < text.Length)
        {
            if (IsSpace(text[position])) position++;
            else if (text[position..].StartsWith("//"))
            {
                var newline = text[position..].IndexOf('\n');
                position = newline < 0 ? text.Length : position + newline + 1;
            }
            else if (text[position..].StartsWith("/*"))
            {
                var close = text[(position + 2)..].IndexOf("*/");
                position = close < 0 ? text.Length : position + 2 + close + 2;
            }
            else break;
        }
        return position;
    }

    private static bool IsSpace(char c) => c is ' ' or '\t' or '\r' or '\n' or '\uFEFF';

    private static string Normalize(string path)
    {
        var normalized = path.Replace('\\', '/').Trim();
        while (normalized.StartsWith("./", StringComparison.Ordinal)) normalized = normalized[2..];
        normalized = normalized.TrimEnd('/');
        return normalized.Length == 0 ? "." : normalized;
    }
}
