using MiniContainer.Restore;

namespace MiniContainer.Tests.Restore;

public class ModuleCacheContentTests
{
    [Theory]
    [InlineData("github.com/BurntSushi/toml", "github.com/!burnt!sushi/toml")]
    [InlineData("example.com/lower", "example.com/lower")]
    [InlineData("v1.0.0-RC1", "v1.0.0-!r!c1")]
    public void Module_paths_and_versions_are_escaped_as_go_names_them_in_its_cache(string value, string escaped)
    {
        ModuleCacheContent.Escape(value).ShouldBe(escaped);
    }

    [Fact]
    public void A_completed_download_reads_as_its_ziphash_and_extracted_and_a_missing_or_partial_one_does_not()
    {
        var cache = Directory.CreateTempSubdirectory("mc-modcache-").FullName;
        var goSum = Path.Combine(cache, "go.sum");
        File.WriteAllText(goSum, "example.com/Greeting v1.0.0 h1:abc=\nexample.com/Greeting v1.0.0/go.mod h1:def=\n");
        var download = Path.Combine(cache, "cache", "download", "example.com", "!greeting", "@v");

        var empty = ModuleCacheContent.Lines(cache, goSum).ToList();
        Directory.CreateDirectory(download);
        File.WriteAllText(Path.Combine(download, "v1.0.0.ziphash"), "h1:abc=\n");
        File.WriteAllText(Path.Combine(download, "v1.0.0.mod"), "module example.com/Greeting\n");
        Directory.CreateDirectory(Path.Combine(cache, "example.com", "!greeting@v1.0.0"));
        var complete = ModuleCacheContent.Lines(cache, goSum).ToList();
        File.WriteAllText(Path.Combine(download, "v1.0.0.partial"), "");
        var partial = ModuleCacheContent.Lines(cache, goSum).ToList();

        empty.ShouldBe(["example.com/Greeting v1.0.0 h1:abc= zip - -", "example.com/Greeting v1.0.0/go.mod h1:def= mod -"]);
        complete[0].ShouldBe("example.com/Greeting v1.0.0 h1:abc= zip h1:abc= extracted");
        complete[1].ShouldStartWith("example.com/Greeting v1.0.0/go.mod h1:def= mod ");
        complete[1].ShouldNotEndWith(" -");
        partial[0].ShouldBe("example.com/Greeting v1.0.0 h1:abc= zip h1:abc= -");
    }
}
