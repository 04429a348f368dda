using MiniContainer.Go;
using System.Text;

namespace MiniContainer.Restore;

/// <summary>
/// What a module cache folder holds of the modules go.sum names, read from the folder itself: per zip line the
/// hash go recorded when it extracted the module (its <c>.ziphash</c>, which a completed download has and a partial
/// one lacks) and whether the module is extracted; per go.mod line the hash of the cached go.mod. The same content
/// gives the same lines on any machine; an emptied or partly removed cache gives others.
/// </summary>
internal static class ModuleCacheContent
{
    public static IEnumerable<string> Lines(string moduleCache, string goSumPath)
    {
        if (!File.Exists(goSumPath)) yield break;
        foreach (var line in File.ReadLines(goSumPath))
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length != 3) continue;
            var (module, version) = (Escape(fields[0]), fields[1]);
            var download = Path.Combine(moduleCache, "cache", "download", module, "@v");
            if (version.EndsWith("/go.mod", StringComparison.Ordinal))
            {
                var mod = Path.Combine(download, Escape(version[..^"/go.mod".Length]) + ".mod");
                yield return $"{line} mod {(File.Exists(mod) ? SourceTreeHasher.HashFile(mod) : "-")}";
                continue;
            }
            var zipHash = Path.Combine(download, Escape(version) + ".ziphash");
            var extracted = Directory.Exists(Path.Combine(moduleCache, module + "@" + Escape(version)));
            var partial = File.Exists(Path.Combine(download, Escape(version) + ".partial"));
            yield return $"{line} zip {(File.Exists(zipHash) ? File.ReadAllText(zipHash).Trim() : "-")} {(extracted && !partial ? "extracted" : "-")}";
        }
    }

    /// <summary>Go's case encoding of module paths and versions in the cache: an upper-case letter becomes '!' and the letter.</summary>
    internal static string Escape(string value)
    {
        var escaped = new StringBuilder(value.Length);
        foreach (var c in value)
            if (c is >= 'A' and <= 'Z') escaped.Append('!').Append(char.ToLowerInvariant(c));
            else escaped.Append(c);
        return escaped.ToString();
    }
}
