using MiniContainer.Go.Builders;

namespace MiniContainer.Tests.Go;

public class GoCacheFolderTests
{
    [Fact]
    public void A_cache_dir_that_names_a_file_stops_with_one_message_saying_to_give_a_folder()
    {
        var file = Path.GetTempFileName();

        var error = Should.Throw<MiniContainerException>(() => new GoCacheFolder(file).Prepare());

        error.Message.ShouldBe($"--cache-dir={file} names a file. Give a folder for Go's caches (it is made when missing), e.g. --cache-dir=.cache/minicontainer.");
    }

    [Fact]
    public void A_cache_dir_inside_a_file_stops_with_one_message_naming_the_folder()
    {
        var below = Path.Combine(Path.GetTempFileName(), "cache");

        var error = Should.Throw<MiniContainerException>(() => new GoCacheFolder(below).Prepare());

        error.Message.ShouldStartWith($"--cache-dir={below} cannot be used: ");
        error.Message.ShouldEndWith("Give a folder this user can write (it is made when missing).");
    }

    [Fact]
    public void Links_at_and_inside_the_caches_are_removed_and_their_targets_kept()
    {
        var root = Directory.CreateTempSubdirectory("mc-cachefolder-").FullName;
        var outside = Directory.CreateTempSubdirectory("mc-cachefolder-outside-").FullName;
        File.WriteAllText(Path.Combine(outside, "kept"), "x");
        var folder = new GoCacheFolder(root);
        File.CreateSymbolicLink(folder.BuildCache, outside);
        Directory.CreateDirectory(Path.Combine(folder.ModuleCache, "cache", "download"));
        File.CreateSymbolicLink(Path.Combine(folder.ModuleCache, "cache", "download", "example.com"), outside);
        File.CreateSymbolicLink(Path.Combine(folder.ModuleCache, "file-link"), Path.Combine(outside, "kept"));

        folder.Prepare();

        new FileInfo(folder.BuildCache).LinkTarget.ShouldBeNull();
        Directory.Exists(folder.BuildCache).ShouldBeTrue();
        Directory.EnumerateFileSystemEntries(folder.ModuleCache, "*", SearchOption.AllDirectories)
            .ShouldBe([Path.Combine(folder.ModuleCache, "cache"), Path.Combine(folder.ModuleCache, "cache", "download")], ignoreOrder: true);
        File.ReadAllText(Path.Combine(outside, "kept")).ShouldBe("x");
    }
}
