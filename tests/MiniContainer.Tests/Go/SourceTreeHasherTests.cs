using MiniContainer.Go;

namespace MiniContainer.Tests.Go;

public class SourceTreeHasherTests
{
    private readonly string _root = Directory.CreateTempSubdirectory("mc-hash-").FullName;

    private void Write(string relative, string text)
    {
        var path = Path.Combine(_root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    private string Hash(params string[] excluded) => SourceTreeHasher.Hash(_root, excluded.Select(e => Path.Combine(_root, e)).ToList(), null).TreeHash;

    [Fact]
    public void Content_and_names_change_the_hash_timestamps_do_not()
    {
        Write("main.go", "package main");
        Write("cmd/a/a.go", "package main");
        var before = Hash();

        File.SetLastWriteTimeUtc(Path.Combine(_root, "main.go"), DateTime.UtcNow.AddHours(1));
        Hash().ShouldBe(before);
        Write("main.go", "package main // edited");
        Hash().ShouldNotBe(before);
        Write("main.go", "package main");
        Hash().ShouldBe(before);
        File.Move(Path.Combine(_root, "cmd/a/a.go"), Path.Combine(_root, "cmd/a/b.go"));
        Hash().ShouldNotBe(before);
    }

    [Fact]
    public void Dot_folders_and_output_folders_are_left_out()
    {
        Write("main.go", "package main");
        var before = Hash("artifacts");

        Write(".git/HEAD", "ref: x");
        Write(".cake/cache", "x");
        Write("artifacts/bin/hello", "binary");

        Hash("artifacts").ShouldBe(before);
        Hash().ShouldNotBe(before);
    }

    [Fact]
    public void A_file_whose_size_and_time_are_unchanged_is_not_read_again()
    {
        Write("main.go", "package main");
        var (_, stamps) = SourceTreeHasher.Hash(_root, [], null);
        // A stale stamp with the file's own size and time is trusted: proof that the file was not re-read.
        var stale = stamps.ToDictionary(s => s.Key, s => s.Value with { Sha256 = new string('0', 64) });

        var (_, again) = SourceTreeHasher.Hash(_root, [], stale);

        again["main.go"].Sha256.ShouldBe(new string('0', 64));
    }
}
