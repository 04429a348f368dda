using System.Formats.Tar;
using System.Security.Cryptography;
using MiniContainer.Docker;

namespace MiniContainer.Tests.Docker;

public class DeterministicTarTests
{
    private static string Tree()
    {
        var root = Directory.CreateTempSubdirectory("mc-tar-").FullName;
        Directory.CreateDirectory(Path.Combine(root, "b"));
        File.WriteAllText(Path.Combine(root, "b", "z.txt"), "z");
        File.WriteAllText(Path.Combine(root, "a.go"), "package main");
        File.WriteAllText(Path.Combine(root, "run"), "#!/bin/sh");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(Path.Combine(root, "run"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return root;
    }

    private static byte[] Archive(string root, Func<string, bool>? include = null)
    {
        using var stream = new MemoryStream();
        DeterministicTar.WriteDirectory(stream, root, "src/app", include);
        return stream.ToArray();
    }

    [Fact]
    public void Entries_are_ordered_owned_by_root_and_keep_the_executable_bit()
    {
        var entries = new List<TarEntry>();
        using (var reader = new TarReader(new MemoryStream(Archive(Tree()))))
            while (reader.GetNextEntry() is { } entry) entries.Add(entry);

        entries.Select(e => e.Name).ShouldBe(["src/", "src/app/", "src/app/a.go", "src/app/b/", "src/app/b/z.txt", "src/app/run"]);
        entries.ShouldAllBe(e => e.Uid == 0 && e.Gid == 0 && e.ModificationTime == DeterministicTar.FixedTime);
        entries.Single(e => e.Name == "src/app/run").Mode.ShouldBe(DeterministicTar.ExecutableMode);
        entries.Single(e => e.Name == "src/app/a.go").Mode.ShouldBe(DeterministicTar.FileMode);
    }

    [Fact]
    public void Excluded_paths_are_left_out()
    {
        var names = new List<string>();
        using (var reader = new TarReader(new MemoryStream(Archive(Tree(), path => !path.StartsWith('b')))))
            while (reader.GetNextEntry() is { } entry) names.Add(entry.Name);

        names.ShouldNotContain("src/app/b/z.txt");
        names.ShouldContain("src/app/a.go");
    }
}
