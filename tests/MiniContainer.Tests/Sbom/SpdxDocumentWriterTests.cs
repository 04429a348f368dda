using System.Text;
using System.Text.Json;
using MiniContainer.Elf;
using MiniContainer.Oci;
using MiniContainer.Sbom;

namespace MiniContainer.Tests.Sbom;

public sealed class SpdxDocumentWriterTests
{
    private static readonly OciDigest ImageDigest = OciDigest.Of("image"u8);
    private static readonly OciDigest BaseDigest = OciDigest.Of("base"u8);

    private static GoBuildInfo HelloInfo(string goArch = "amd64") => new(
        "go1.19.8",
        "example.com/hello",
        new GoModuleVersion("example.com/hello", "(devel)", null),
        [
            new GoModuleVersion("golang.org/x/text", "v0.3.7", "h1:olpwvP2KacW1ZWvsR7uQhoyTYvKAupfQrRGBFM352Gk="),
            new GoModuleVersion("github.com/docker/docker", "v20.10.17+incompatible", null),
            new GoModuleVersion("example.com/old", "v1.0.0", "h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
                new GoModuleVersion("example.com/fork", "v1.0.1", "h1:olpwvP2KacW1ZWvsR7uQhoyTYvKAupfQrRGBFM352Gk=")),
        ],
        [new GoBuildSetting("-ldflags", "-w -buildid="), new GoBuildSetting("CGO_ENABLED", "0"), new GoBuildSetting("GOARCH", goArch)]);

    private static SbomImage Image(GoBuildInfo? info = null, SbomBaseImage? baseImage = null) => new()
    {
        Repository = "127.0.0.1:5000/team/hello",
        Tag = "1.0",
        ManifestDigest = ImageDigest,
        Platform = new OciPlatform("linux", "arm64", "v8"),
        Binaries = [new SbomBinary("/app/hello", new string('a', 64), info ?? HelloInfo())],
        Base = baseImage,
        Provenance = new BuildProvenance("https://example.com/hello.git", "0123abcd", Modified: true, "go1.19.8", ["-ldflags=-w -buildid=", "CGO_ENABLED=0"]),
        Created = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000),
    };

    private static JsonElement Parse(byte[] json) => JsonDocument.Parse(json).RootElement.Clone();

    private static JsonElement PackageNamed(JsonElement document, string name) =>
        document.GetProperty("packages").EnumerateArray().Single(p => p.GetProperty("name").GetString() == name);

    private static string? PurlOf(JsonElement package) =>
        package.TryGetProperty("externalRefs", out var refs) ? refs.EnumerateArray().Single(r => r.GetProperty("referenceType").GetString() == "purl").GetProperty("referenceLocator").GetString() : null;

    [Fact]
    public void The_document_is_valid_against_the_spdx_2_3_schema()
    {
        var json = SpdxDocumentWriter.Write(Image(baseImage: new SbomBaseImage("alpine:3.20", BaseDigest)));

        SpdxSchema.Violations(Encoding.UTF8.GetString(json)).ShouldBeEmpty();
        Parse(json).GetProperty("spdxVersion").GetString().ShouldBe("SPDX-2.3");
    }

    [Fact]
    public void Every_dependency_is_a_package_with_its_version_checksum_and_golang_purl()
    {
        var document = Parse(SpdxDocumentWriter.Write(Image()));

        var text = PackageNamed(document, "golang.org/x/text");
        text.GetProperty("versionInfo").GetString().ShouldBe("v0.3.7");
        text.GetProperty("checksums")[0].GetProperty("algorithm").GetString().ShouldBe("SHA256");
        text.GetProperty("checksums")[0].GetProperty("checksumValue").GetString().ShouldBe("a25a70bcfd8a69c5b5656bec47bb90868c9362f280ba97d0ad118114cdf9d869");
        PurlOf(text).ShouldBe("pkg:golang/golang.org/x/text@v0.3.7");
        PurlOf(PackageNamed(document, "github.com/docker/docker")).ShouldBe("pkg:golang/github.com/docker/docker@v20.10.17%2Bincompatible");
        PackageNamed(document, "github.com/docker/docker").TryGetProperty("checksums", out _).ShouldBeFalse("a module without a go.sum line has no checksum");
    }

    [Fact]
    public void A_replaced_module_is_described_by_what_was_built_in()
    {
        var old = PackageNamed(Parse(SpdxDocumentWriter.Write(Image())), "example.com/old");

        old.GetProperty("versionInfo").GetString().ShouldBe("v1.0.1");
        PurlOf(old).ShouldBe("pkg:golang/example.com/fork@v1.0.1");
        old.GetProperty("comment").GetString().ShouldBe("go.mod replaces example.com/old v1.0.0 with example.com/fork v1.0.1");
    }

    [Fact]
    public void The_main_module_the_toolchain_and_the_binary_are_related_to_the_image()
    {
        var document = Parse(SpdxDocumentWriter.Write(Image()));
        var ids = document.GetProperty("packages").EnumerateArray().ToDictionary(p => p.GetProperty("name").GetString()!, p => p.GetProperty("SPDXID").GetString()!);
        var relationships = document.GetProperty("relationships").EnumerateArray()
            .Select(r => (r.GetProperty("spdxElementId").GetString(), r.GetProperty("relationshipType").GetString(), r.GetProperty("relatedSpdxElement").GetString())).ToList();

        relationships.ShouldContain(("SPDXRef-DOCUMENT", "DESCRIBES", "SPDXRef-Image"));
        relationships.ShouldContain(("SPDXRef-Image", "CONTAINS", ids["/app/hello"]));
        relationships.ShouldContain((ids["/app/hello"], "GENERATED_FROM", ids["example.com/hello"]));
        relationships.ShouldContain((ids["/app/hello"], "STATIC_LINK", ids["golang.org/x/text"]));
        relationships.ShouldContain((ids["/app/hello"], "STATIC_LINK", ids["stdlib"]));
        PackageNamed(document, "stdlib").GetProperty("versionInfo").GetString().ShouldBe("go1.19.8");
        PurlOf(PackageNamed(document, "stdlib")).ShouldBe("pkg:golang/stdlib@1.19.8");
        PurlOf(PackageNamed(document, "example.com/hello")).ShouldBe("pkg:golang/example.com/hello");
        ids.Values.ShouldAllBe(id => System.Text.RegularExpressions.Regex.IsMatch(id, "^SPDXRef-[a-zA-Z0-9.-]+$"));
        ids.Values.Distinct().Count().ShouldBe(ids.Count);
    }

    [Fact]
    public void The_binary_carries_its_checksum_and_every_go_build_setting()
    {
        var binary = PackageNamed(Parse(SpdxDocumentWriter.Write(Image())), "/app/hello");

        binary.GetProperty("checksums")[0].GetProperty("checksumValue").GetString().ShouldBe(new string('a', 64));
        binary.GetProperty("annotations").EnumerateArray().Select(a => a.GetProperty("comment").GetString())
            .ShouldBe(["go build setting -ldflags=-w -buildid=", "go build setting CGO_ENABLED=0", "go build setting GOARCH=amd64"]);
    }

    [Fact]
    public void The_image_package_names_its_digest_platform_and_provenance()
    {
        var image = PackageNamed(Parse(SpdxDocumentWriter.Write(Image())), "127.0.0.1:5000/team/hello");

        image.GetProperty("SPDXID").GetString().ShouldBe("SPDXRef-Image");
        image.GetProperty("versionInfo").GetString().ShouldBe(ImageDigest.ToString());
        PurlOf(image).ShouldBe($"pkg:oci/hello@sha256%3A{ImageDigest.Hex}?arch=arm64&os=linux&repository_url=127.0.0.1:5000/team/hello&tag=1.0&variant=v8");
        image.GetProperty("sourceInfo").GetString()!.ShouldContain("revision 0123abcd with uncommitted changes (dirty)");
        image.GetProperty("annotations").EnumerateArray().Select(a => a.GetProperty("comment").GetString())
            .ShouldContain("label org.opencontainers.image.revision=0123abcd-dirty");
    }

    [Fact]
    public void The_base_image_is_a_package_by_digest_that_the_image_descends_from()
    {
        var document = Parse(SpdxDocumentWriter.Write(Image(baseImage: new SbomBaseImage("registry.example.com/library/alpine:3.20", BaseDigest))));

        var baseImage = PackageNamed(document, "registry.example.com/library/alpine:3.20");
        baseImage.GetProperty("versionInfo").GetString().ShouldBe(BaseDigest.ToString());
        baseImage.GetProperty("checksums")[0].GetProperty("checksumValue").GetString().ShouldBe(BaseDigest.Hex);
        PurlOf(baseImage).ShouldBe($"pkg:oci/alpine@sha256%3A{BaseDigest.Hex}?repository_url=registry.example.com/library/alpine");
        document.GetProperty("relationships").EnumerateArray()
            .ShouldContain(r => r.GetProperty("relationshipType").GetString() == "DESCENDANT_OF" && r.GetProperty("relatedSpdxElement").GetString() == "SPDXRef-BaseImage");
    }

    [Fact]
    public void On_scratch_there_is_no_base_package()
    {
        var document = Parse(SpdxDocumentWriter.Write(Image()));

        document.GetProperty("packages").EnumerateArray().ShouldNotContain(p => p.GetProperty("SPDXID").GetString() == "SPDXRef-BaseImage");
    }

    [Fact]
    public void The_creation_time_comes_from_the_input()
    {
        Parse(SpdxDocumentWriter.Write(Image())).GetProperty("creationInfo").GetProperty("created").GetString().ShouldBe("2023-11-14T22:13:20Z");
    }

    [Fact]
    public void Another_binary_gives_another_document_namespace()
    {
        var amd64 = Parse(SpdxDocumentWriter.Write(Image(HelloInfo("amd64"))));
        var arm64 = Parse(SpdxDocumentWriter.Write(Image(HelloInfo("arm64"))));

        arm64.GetProperty("documentNamespace").GetString().ShouldNotBe(amd64.GetProperty("documentNamespace").GetString());
        amd64.GetProperty("documentNamespace").GetString()!.ShouldStartWith("https://minicontainer.dev/spdx/127.0.0.1%3A5000%2Fteam%2Fhello/");
    }

    [Fact]
    public void A_binary_without_go_build_info_is_listed_without_modules()
    {
        var document = Parse(SpdxDocumentWriter.Write(Image() with { Binaries = [new SbomBinary("/app/tool", new string('b', 64), null)] }));

        document.GetProperty("packages").GetArrayLength().ShouldBe(2);
    }

    [Fact]
    public void A_document_of_a_binary_without_go_build_info_is_valid_too()
    {
        var json = SpdxDocumentWriter.Write(Image() with { Binaries = [new SbomBinary("/app/tool", new string('b', 64), null)] });

        SpdxSchema.Violations(Encoding.UTF8.GetString(json)).ShouldBeEmpty();
    }
}
