using System.Security.Cryptography;

namespace MiniContainer.Go.Builders;

/// <summary>A secret for one command of this machine's go: a fresh file only its owner can read, deleted when disposed with what the command noted beside it.</summary>
internal sealed class LocalSecretFile : IDisposable
{
    private readonly Func<string, string>[] _notes;

    private LocalSecretFile(string path, Func<string, string>[] notes) => (Path, _notes) = (path, notes);

    public string Path { get; }

    /// <param name="notes">The paths, from the file's, of what the command may write beside it (removed too).</param>
    public static LocalSecretFile Create(byte[] content, params Func<string, string>[] notes)
    {
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $".minicontainer-secret-{Convert.ToHexString(RandomNumberGenerator.GetBytes(12)).ToLowerInvariant()}");
        using (var stream = ArtifactFile.CreateExclusive(path)) stream.Write(content);
        return new LocalSecretFile(path, notes);
    }

    public void Dispose()
    {
        File.Delete(Path);
        foreach (var note in _notes) File.Delete(note(Path));
    }
}
