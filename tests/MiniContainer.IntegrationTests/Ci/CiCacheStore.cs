using System.Security.Cryptography;
using System.Text;
using MiniContainer.IntegrationTests.Fixtures;

namespace MiniContainer.IntegrationTests.Ci;

/// <summary>
/// The CI's cache between jobs, for real: after a job the paths its cache step names are copied out of the checkout under the
/// key (as actions/cache's post step and GitLab's cache upload do), and a later job in a fresh checkout gets them back on an
/// exact key, or on the newest key that starts with one of its restore prefixes.
/// </summary>
public sealed class CiCacheStore : IDisposable
{
    private readonly string _root = TestBed.TempDirectory("ci-cache-store");
    private readonly List<string> _keys = [];

    /// <summary>Copies the saved paths under the matching key into <paramref name="workspace"/>; returns that key, or null when nothing matched.</summary>
    public string? Restore(string workspace, string key, IEnumerable<string> restorePrefixes)
    {
        var hit = _keys.Contains(key) ? key : restorePrefixes.Select(prefix => _keys.LastOrDefault(k => k.StartsWith(prefix, StringComparison.Ordinal))).FirstOrDefault(k => k is not null);
        if (hit is null) return null;
        Copy(FolderOf(hit), workspace);
        return hit;
    }

    /// <summary>Saves <paramref name="paths"/> (relative to <paramref name="workspace"/>) under <paramref name="key"/>.</summary>
    public void Save(string workspace, string key, IEnumerable<string> paths)
    {
        var folder = FolderOf(key);
        Directory.CreateDirectory(folder);
        foreach (var path in paths)
        {
            var source = Path.GetFullPath(Path.Combine(workspace, path));
            source.ShouldStartWith(workspace + "/", customMessage: $"the cache path {path} is outside the checkout");
            if (!Directory.Exists(source)) continue; // the CI warns and saves nothing for a missing path
            var destination = Path.Combine(folder, Path.GetRelativePath(workspace, source));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            ProcessRunner.Run("cp", ["-a", source, destination]).ExitCode.ShouldBe(0);
        }
        _keys.Add(key);
    }

    /// <summary>The files saved under <paramref name="key"/> in <paramref name="path"/>, relative to it.</summary>
    public IReadOnlyList<string> FilesOf(string key, string path)
    {
        var folder = Path.Combine(FolderOf(key), path);
        return Directory.Exists(folder)
            ? Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(folder, f)).Order(StringComparer.Ordinal).ToList()
            : [];
    }

    /// <summary>Where the file <paramref name="path"/> (relative to the checkout) saved under <paramref name="key"/> is.</summary>
    public string SavedPath(string key, string path) => Path.Combine(FolderOf(key), path);

    private string FolderOf(string key) => Path.Combine(_root, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key))));

    private static void Copy(string from, string to) => ProcessRunner.Run("cp", ["-a", from + "/.", to]).ExitCode.ShouldBe(0);

    public void Dispose()
    {
        ProcessRunner.Run("chmod", ["-R", "u+w", _root]);
        Directory.Delete(_root, recursive: true);
    }
}
