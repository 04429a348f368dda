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

    private static byte[] Archive(string root, Func<string, bool>? include = null, bool timesFromContent = false)
    {
        using var stream = new MemoryStream();
        DeterministicTar.WriteDirectory(stream, root, "src/app", include, timesFromContent);
        return stream.ToArray();
    }

    private static Dictionary<string, DateTimeOffset> FileTimes(byte[] archive)
    {
        var times = new Dictionary<string, DateTimeOffset>();
        using var reader = new TarReader(new MemoryStream(archive));
        while (reader.GetNextEntry() is { } entry)
            if (entry.EntryType == TarEntryType.RegularFile) times[entry.Name] = entry.ModificationTime;
        return times;
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

    [Fact]
    public void A_copy_for_go_gives_each_file_a_time_from_its_content_that_a_same_size_edit_changes()
    {
        var root = Tree();
        File.SetLastWriteTimeUtc(Path.Combine(root, "a.go"), DateTime.UtcNow.AddDays(-3));
        var before = FileTimes(Archive(root, timesFromContent: true));
        File.SetLastWriteTimeUtc(Path.Combine(root, "a.go"), DateTime.UtcNow); // touched, same bytes
        var touched = FileTimes(Archive(root, timesFromContent: true));
        File.WriteAllText(Path.Combine(root, "a.go"), "package mair"); // same size, other bytes
        var edited = FileTimes(Archive(root, timesFromContent: true));

        before["src/app/a.go"].ShouldBe(ContentFileTime.Of(new MemoryStream("package main"u8.ToArray())));
        (before["src/app/a.go"].Ticks % TimeSpan.TicksPerSecond).ShouldNotBe(0, "the archive keeps the time's fraction of a second");
        touched.ShouldBe(before);
        edited["src/app/a.go"].ShouldNotBe(before["src/app/a.go"]);
        edited["src/app/b/z.txt"].ShouldBe(before["src/app/b/z.txt"]);
        edited.Values.ShouldAllBe(time => time > DateTimeOffset.FromUnixTimeSeconds(999_999_999) && time < DateTimeOffset.FromUnixTimeSeconds(1_600_000_001));
        FileTimes(Archive(root)).Values.ShouldAllBe(time => time == DeterministicTar.FixedTime, "without it, the one fixed time");
    }
}
