using MiniContainer.Sbom;

namespace MiniContainer.Tests.Sbom;

public sealed class PackageUrlTests
{
    [Fact]
    public void A_module_path_splits_into_a_lower_cased_namespace_and_name()
    {
        PackageUrl.Golang("github.com/Azure/Go-Autorest", "v14.2.0").ShouldBe("pkg:golang/github.com/azure/go-autorest@v14.2.0");
    }

    [Fact]
    public void A_plus_in_the_version_is_percent_encoded()
    {
        PackageUrl.Golang("github.com/docker/docker", "v20.10.17+incompatible").ShouldBe("pkg:golang/github.com/docker/docker@v20.10.17%2Bincompatible");
    }

    [Fact]
    public void A_pseudo_version_keeps_its_dashes_and_dots()
    {
        PackageUrl.Golang("golang.org/x/sys", "v0.0.0-20220722155257-8c9f86f7a55f").ShouldBe("pkg:golang/golang.org/x/sys@v0.0.0-20220722155257-8c9f86f7a55f");
    }

    [Theory]
    [InlineData("(devel)")]
    [InlineData("")]
    [InlineData(null)]
    public void A_main_module_without_a_real_version_has_no_version_part(string? version)
    {
        PackageUrl.Golang("example.com/hello", version).ShouldBe("pkg:golang/example.com/hello");
    }

    [Fact]
    public void A_single_element_path_is_a_name_without_namespace()
    {
        PackageUrl.Golang("stdlib", "1.19.8").ShouldBe("pkg:golang/stdlib@1.19.8");
    }

    [Fact]
    public void Reserved_and_non_ascii_characters_are_encoded_as_utf8_bytes()
    {
        PackageUrl.Encode("a b@c#d?é", keep: "").ShouldBe("a%20b%40c%23d%3F%C3%A9");
        PackageUrl.Encode("A-z.0_9~", keep: "").ShouldBe("A-z.0_9~");
    }

    [Fact]
    public void An_oci_purl_encodes_the_digest_colon_and_sorts_its_qualifiers()
    {
        var purl = PackageUrl.Oci("127.0.0.1:5000/team/Hello", "sha256:abc", new Dictionary<string, string>
        {
            ["tag"] = "1.0", ["repository_url"] = "127.0.0.1:5000/team/Hello", ["arch"] = "arm64",
        });

        purl.ShouldBe("pkg:oci/hello@sha256%3Aabc?arch=arm64&repository_url=127.0.0.1:5000/team/Hello&tag=1.0");
    }
}
