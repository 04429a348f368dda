namespace MiniContainer.Go;

/// <summary>A Go module on disk, as its go.mod describes it.</summary>
/// <param name="Directory">The folder that holds go.mod (absolute).</param>
/// <param name="ModulePath">The module path from the <c>module</c> line.</param>
/// <param name="GoVersion">The <c>go</c> directive, e.g. "1.19"; null when absent.</param>
/// <param name="Toolchain">The <c>toolchain</c> line, e.g. "go1.21.3"; null when absent.</param>
/// <param name="HasVendor">Whether vendor/modules.txt is present, so the build uses -mod=vendor.</param>
public sealed record GoModule(string Directory, string ModulePath, string? GoVersion, string? Toolchain, bool HasVendor)
{
    /// <summary>Reads the go.mod in <paramref name="directory"/>.</summary>
    /// <exception cref="GoModuleNotFoundException">No go.mod there.</exception>
    public static GoModule Load(string directory)
    {
        var root = Path.GetFullPath(directory);
        var goMod = Path.Combine(root, "go.mod");
        if (!File.Exists(goMod))
            throw new GoModuleNotFoundException(root);
        var parsed = GoModParser.Parse(File.ReadAllText(goMod), goMod);
        var hasVendor = File.Exists(Path.Combine(root, "vendor", "modules.txt"));
        return new GoModule(root, parsed.ModulePath, parsed.GoVersion, parsed.Toolchain, hasVendor);
    }

    /// <summary>The last element of the module path, skipping a major-version suffix (/v2), as <c>go build</c> names binaries.</summary>
    public string DefaultBinaryName => GoPackagePaths.BinaryNameOf(ModulePath);
}

public sealed class GoModuleNotFoundException(string directory)
    : MiniContainerException($"No go.mod in {directory}. Point the build at the folder of your Go module (the one with go.mod), or run `go mod init <module path>` there.")
{
    public string Directory { get; } = directory;
}
