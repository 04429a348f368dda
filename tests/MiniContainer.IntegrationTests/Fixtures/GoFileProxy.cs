using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;

namespace MiniContainer.IntegrationTests.Fixtures;

/// <summary>
/// Writes modules into a folder laid out as a Go module proxy (GOPROXY=file:///...), and the go.sum
/// lines for them (the h1: dirhash the go command checks).
/// </summary>
public sealed class GoFileProxy(string root)
{
    public string Root { get; } = root;

    public string Url => new Uri(Root).AbsoluteUri;

    /// <summary>Adds <paramref name="modulePath"/>@<paramref name="version"/> with the given files; returns its go.sum lines.</summary>
    public string AddModule(string modulePath, string version, IReadOnlyDictionary<string, string> files)
    {
        var goMod = $"module {modulePath}\n\ngo 1.19\n";
        var directory = Path.Combine(Root, modulePath, "@v");
        Directory.CreateDirectory(directory);
        File.AppendAllText(Path.Combine(directory, "list"), version + "\n");
        File.WriteAllText(Path.Combine(directory, $"{version}.info"), $"{{\"Version\":\"{version}\",\"Time\":\"2024-01-01T00:00:00Z\"}}");
        File.WriteAllText(Path.Combine(directory, $"{version}.mod"), goMod);

        var prefix = $"{modulePath}@{version}/";
        var entries = new SortedDictionary<string, byte[]>(StringComparer.Ordinal) { [prefix + "go.mod"] = Encoding.UTF8.GetBytes(goMod) };
        foreach (var (name, text) in files) entries[prefix + name] = Encoding.UTF8.GetBytes(text);
        using (var zip = ZipFile.Open(Path.Combine(directory, $"{version}.zip"), ZipArchiveMode.Create))
            foreach (var (name, content) in entries)
            {
                using var stream = zip.CreateEntry(name).Open();
                stream.Write(content);
            }

        return GoSumLines(modulePath, version, goMod, files);
    }

    /// <summary>The go.sum lines of a module with <paramref name="goMod"/> and <paramref name="files"/>, wherever go fetched it from (a proxy's zip, a git tag).</summary>
    public static string GoSumLines(string modulePath, string version, string goMod, IReadOnlyDictionary<string, string> files)
    {
        var prefix = $"{modulePath}@{version}/";
        var entries = new SortedDictionary<string, byte[]>(StringComparer.Ordinal) { [prefix + "go.mod"] = Encoding.UTF8.GetBytes(goMod) };
        foreach (var (name, text) in files) entries[prefix + name] = Encoding.UTF8.GetBytes(text);
        var moduleHash = DirHash(entries);
        // The go.mod line hashes the file alone, under the bare name "go.mod".
        var goModHash = DirHash(new SortedDictionary<string, byte[]>(StringComparer.Ordinal) { ["go.mod"] = Encoding.UTF8.GetBytes(goMod) });
        return $"{modulePath} {version} h1:{moduleHash}\n{modulePath} {version}/go.mod h1:{goModHash}\n";
    }

    // golang.org/x/mod/sumdb/dirhash Hash1: sha256 over "sha256(file)  name\n" lines, sorted by name.
    private static string DirHash(SortedDictionary<string, byte[]> files)
    {
        var summary = new StringBuilder();
        foreach (var (name, content) in files)
            summary.Append(Convert.ToHexString(SHA256.HashData(content)).ToLowerInvariant()).Append("  ").Append(name).Append('\n');
        return Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(summary.ToString())));
    }
}
