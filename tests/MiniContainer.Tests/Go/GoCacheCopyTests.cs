using System.Formats.Tar;
using MiniContainer.Go.Builders;

namespace MiniContainer.Tests.Go;

public class GoCacheCopyTests
{
    [Fact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public async Task Copying_back_lands_regular_files_in_the_caches_only_and_replaces_planted_links_instead_of_following_them()
    {
        var root = Directory.CreateTempSubdirectory("mc-cachecopy-").FullName;
        var outside = Directory.CreateTempSubdirectory("mc-cachecopy-outside-").FullName;
        var folder = new GoCacheFolder(Path.Combine(root, "cache")).Prepare();
        // A link where a cache folder's entry goes, and one at a file's own path.
        File.CreateSymbolicLink(Path.Combine(folder.BuildCache, "ab"), outside);
        File.CreateSymbolicLink(Path.Combine(folder.ModuleCache, "file"), Path.Combine(outside, "target"));
        var tar = Path.Combine(root, "out.tar");
        await using (var stream = File.Create(tar))
        using (var writer = new TarWriter(stream, TarEntryFormat.Pax))
        {
            void Write(TarEntryType type, string name, string? link = null)
            {
                var entry = new PaxTarEntry(type, name) { Mode = (UnixFileMode)0b111_111_111 | UnixFileMode.SetUser };
                if (link is not null) entry.LinkName = link;
                if (type == TarEntryType.RegularFile) entry.DataStream = new MemoryStream("content"u8.ToArray());
                writer.WriteEntry(entry);
            }
            Write(TarEntryType.RegularFile, "gocache/ab/entry-d");
            Write(TarEntryType.RegularFile, "gomodcache/file");
            Write(TarEntryType.RegularFile, "gocache/../escaped");
            Write(TarEntryType.RegularFile, "elsewhere/file");
            Write(TarEntryType.SymbolicLink, "gocache/link", "/etc/passwd");
        }

        await GoCacheCopy.ExtractAsync(tar, folder, CancellationToken.None);

        Directory.EnumerateFileSystemEntries(outside).ShouldBeEmpty();
        File.ReadAllText(Path.Combine(folder.BuildCache, "ab", "entry-d")).ShouldBe("content");
        new FileInfo(Path.Combine(folder.BuildCache, "ab")).LinkTarget.ShouldBeNull();
        new FileInfo(Path.Combine(folder.ModuleCache, "file")).LinkTarget.ShouldBeNull();
        File.GetUnixFileMode(Path.Combine(folder.ModuleCache, "file")).ShouldBe((UnixFileMode)0b110_110_100, "read and write bits only: no execute, setuid or world-writable");
        File.Exists(Path.Combine(root, "escaped")).ShouldBeFalse();
        File.Exists(Path.Combine(folder.Directory, "escaped")).ShouldBeFalse();
        Directory.Exists(Path.Combine(folder.Directory, "elsewhere")).ShouldBeFalse();
        File.Exists(Path.Combine(folder.BuildCache, "link")).ShouldBeFalse();
    }

    [Fact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public async Task Copying_back_lands_an_empty_file_as_an_empty_file()
    {
        // go records an empty output (the linker's, a package's stdout) as an empty -d file its -a entry names; lost, the entry
        // names an output the folder lacks. A tar entry of size 0 has no data stream to .NET's TarReader.
        var root = Directory.CreateTempSubdirectory("mc-cachecopy-").FullName;
        var folder = new GoCacheFolder(Path.Combine(root, "cache")).Prepare();
        var tar = Path.Combine(root, "out.tar");
        await using (var stream = File.Create(tar))
        using (var writer = new TarWriter(stream, TarEntryFormat.Ustar))
            writer.WriteEntry(new UstarTarEntry(TarEntryType.RegularFile, "gocache/39/empty-d") { Mode = (UnixFileMode)0b110_110_110 });

        var landed = await GoCacheCopy.ExtractAsync(tar, folder, CancellationToken.None);

        landed.ShouldBe(1);
        var empty = new FileInfo(Path.Combine(folder.BuildCache, "39", "empty-d"));
        empty.Exists.ShouldBeTrue();
        empty.Length.ShouldBe(0);
    }
}
