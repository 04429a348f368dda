using System.Security.Cryptography;
using System.Text;

namespace MiniContainer.Go;

/// <summary>
/// Hashes a module's files (content, not timestamps), reading again only the files whose size or
/// modification time changed since the last run: a rebuild of an unchanged tree costs a directory walk.
/// Left out: .git and other dot-folders (Go builds nothing from them) and the given output folders.
/// </summary>
internal static class SourceTreeHasher
{
    public sealed record FileStamp(long Size, long ModifiedTicks, string Sha256);

    public static (string TreeHash, Dictionary<string, FileStamp> Stamps) Hash(
        string root, IReadOnlyCollection<string> excludedDirectories, IReadOnlyDictionary<string, FileStamp>? previous)
    {
        var excluded = excludedDirectories.Select(d => Path.GetFullPath(d).TrimEnd(Path.DirectorySeparatorChar)).ToHashSet(StringComparer.Ordinal);
        var stamps = new Dictionary<string, FileStamp>(StringComparer.Ordinal);
        var tree = new StringBuilder();
        foreach (var file in Files(root, excluded))
        {
            var relative = Path.GetRelativePath(root, file).Replace('\\', '/');
            var info = new FileInfo(file);
            var stamp = previous is not null && previous.TryGetValue(relative, out var known)
                        && known.Size == info.Length && known.ModifiedTicks == info.LastWriteTimeUtc.Ticks
                ? known
                : new FileStamp(info.Length, info.LastWriteTimeUtc.Ticks, HashFile(file));
            stamps[relative] = stamp;
            tree.Append(stamp.Sha256).Append("  ").Append(relative).Append('\n');
        }
        return (HashText(tree.ToString()), stamps);
    }

    public static string HashText(string text) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text))).ToLowerInvariant();

    public static string HashFile(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1 << 16, FileOptions.SequentialScan);
        return Convert.ToHexString(SHA256.HashData(stream)).ToLowerInvariant();
    }

    private static IEnumerable<string> Files(string directory, HashSet<string> excluded)
    {
        foreach (var file in Directory.EnumerateFiles(directory).Order(StringComparer.Ordinal))
            if (new FileInfo(file).LinkTarget is null) yield return file;
        foreach (var child in Directory.EnumerateDirectories(directory).Order(StringComparer.Ordinal))
        {
            if (Path.GetFileName(child).StartsWith('.') || excluded.Contains(child)) continue;
            if (new DirectoryInfo(child).LinkTarget is not null) continue;
            foreach (var file in Files(child, excluded)) yield return file;
        }
    }
}
