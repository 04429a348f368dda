using System.Text;
using MiniContainer.Oci;
using MiniContainer.Oci.Bases;
using MiniContainer.Oci.Json;

namespace MiniContainer.Tests.Oci;

public sealed class OciJsonTests
{
    private static readonly OciDescriptor Config = new(OciMediaTypes.ImageConfig, OciDigest.Of("c"u8), 1);
    private static readonly OciDescriptor Layer = new(OciMediaTypes.GzipLayer, OciDigest.Of("l"u8), 2);

    [Fact]
    public void A_manifest_is_written_compact_in_the_specs_field_order_and_reads_back()
    {
        var bytes = ImageManifestJson.Write(new ImageManifest(OciMediaTypes.ImageManifest, Config, [Layer]));

        Encoding.UTF8.GetString(bytes).ShouldBe(
            "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\"," +
            $"\"config\":{{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"{Config.Digest}\",\"size\":1}}," +
            $"\"layers\":[{{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\",\"digest\":\"{Layer.Digest}\",\"size\":2}}]}}");
        var read = ImageManifestJson.Read(bytes);
        read.Config.ShouldBe(Config);
        read.Layers.ShouldBe([Layer]);
    }

    [Fact]
    public void A_docker_manifest_list_reads_as_an_index_with_platforms()
    {
        var json = $$$"""{"schemaVersion":2,"mediaType":"{{{OciMediaTypes.DockerManifestList}}}","manifests":[{"mediaType":"{{{OciMediaTypes.DockerManifest}}}","digest":"{{{Config.Digest}}}","size":5,"platform":{"architecture":"arm","os":"linux","variant":"v7"}}]}""";

        ImageIndexJson.Read(Encoding.UTF8.GetBytes(json)).ShouldHaveSingleItem().Platform.ShouldBe(new OciPlatform("linux", "arm", "v7"));
    }

    [Fact]
    public void A_manifest_without_config_says_so()
    {
        Should.Throw<FormatException>(() => ImageManifestJson.Read("""{"schemaVersion":2,"layers":[]}"""u8)).Message.ShouldContain("no valid config descriptor");
    }

    [Fact]
    public void The_platform_is_chosen_with_an_exact_variant_first_and_a_missing_one_lists_what_there_is()
    {
        OciDescriptor For(string platform, string content) => new(OciMediaTypes.ImageManifest, OciDigest.Of(Encoding.UTF8.GetBytes(content)), 1) { Platform = OciPlatform.Parse(platform) };
        var index = new[] { For("linux/arm64", "a"), For("linux/arm64/v8", "b"), For("linux/amd64", "c") };

        PlatformSelector.Select("img", index, OciPlatform.Parse("linux/arm64/v8")).ShouldBe(index[1]);
        PlatformSelector.Select("img", index, OciPlatform.Parse("linux/amd64")).ShouldBe(index[2]);
        Should.Throw<PlatformNotFoundException>(() => PlatformSelector.Select("img", index, OciPlatform.Parse("linux/s390x")))
            .Message.ShouldContain("img has no image for linux/s390x; it has: linux/arm64, linux/arm64/v8, linux/amd64");
    }

    [Theory]
    [InlineData("scratch", "scratch")]
    [InlineData("oci:/tmp/layout:3.20", "oci:/tmp/layout:3.20")]
    [InlineData("oci:/tmp/layout", "oci:/tmp/layout")]
    [InlineData("docker-archive:/tmp/a.tar:alpine:3", "docker-archive:/tmp/a.tar:alpine:3")]
    [InlineData("127.0.0.1:5000/base/alpine:3", "127.0.0.1:5000/base/alpine:3")]
    public void A_base_source_prints_back_as_the_text_it_was_parsed_from(string text, string shown) =>
        BaseImageSource.Parse(text).ToString().ShouldBe(shown);

    [Fact]
    public void A_digest_must_be_sha256_with_64_lower_hex() =>
        OciDigest.TryParse("sha256:ABC", out _).ShouldBeFalse();
}
