using System.Text.Json;
using MiniContainer.Oci;
using MiniContainer.Sbom;
using MiniContainer.Sbom.Attach;

namespace MiniContainer.Tests.Sbom;

public sealed class SbomAttachmentTests
{
    private static readonly OciDescriptor Subject = new(OciMediaTypes.ImageManifest, OciDigest.Of("image"u8), 700);
    private static readonly OciDescriptor Document = new(SpdxDocumentWriter.MediaType, OciDigest.Of("sbom"u8), 1234);

    [Fact]
    public void The_artifact_is_an_image_manifest_of_artifact_type_spdx_with_the_empty_config_and_the_image_as_subject()
    {
        var manifest = JsonDocument.Parse(SbomArtifactManifest.Write(Subject, Document, DateTimeOffset.FromUnixTimeSeconds(1_700_000_000))).RootElement;

        manifest.GetProperty("mediaType").GetString().ShouldBe(OciMediaTypes.ImageManifest);
        manifest.GetProperty("artifactType").GetString().ShouldBe("application/spdx+json");
        manifest.GetProperty("config").GetProperty("mediaType").GetString().ShouldBe("application/vnd.oci.empty.v1+json");
        manifest.GetProperty("config").GetProperty("digest").GetString().ShouldBe("sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a");
        manifest.GetProperty("config").GetProperty("size").GetInt64().ShouldBe(2);
        manifest.GetProperty("layers")[0].GetProperty("digest").GetString().ShouldBe(Document.Digest.ToString());
        manifest.GetProperty("subject").GetProperty("digest").GetString().ShouldBe(Subject.Digest.ToString());
        manifest.GetProperty("subject").GetProperty("size").GetInt64().ShouldBe(700);
        manifest.GetProperty("annotations").GetProperty("org.opencontainers.image.created").GetString().ShouldBe("2023-11-14T22:13:20Z");
    }

    [Fact]
    public void The_referrers_tag_is_the_subject_digest_with_a_dash()
    {
        ReferrersTagIndex.TagFor(Subject.Digest).ShouldBe("sha256-" + Subject.Digest.Hex);
    }

    [Fact]
    public void A_new_referrers_index_lists_the_artifact_with_its_type()
    {
        var artifact = new OciDescriptor(OciMediaTypes.ImageManifest, OciDigest.Of("artifact"u8), 400);

        var index = JsonDocument.Parse(ReferrersTagIndex.With(null, artifact, "application/spdx+json", new Dictionary<string, string>())).RootElement;

        index.GetProperty("mediaType").GetString().ShouldBe(OciMediaTypes.ImageIndex);
        var entry = index.GetProperty("manifests").EnumerateArray().ShouldHaveSingleItem();
        entry.GetProperty("artifactType").GetString().ShouldBe("application/spdx+json");
        entry.GetProperty("digest").GetString().ShouldBe(artifact.Digest.ToString());
    }

    [Fact]
    public void Another_tools_referrers_are_kept_and_our_earlier_entry_is_replaced_not_repeated()
    {
        var signature = """{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:1111111111111111111111111111111111111111111111111111111111111111","size":10,"artifactType":"application/vnd.dev.cosign.simplesigning.v1+json"}""";
        var artifact = new OciDescriptor(OciMediaTypes.ImageManifest, OciDigest.Of("artifact"u8), 400);
        var existing = ReferrersTagIndex.With(System.Text.Encoding.UTF8.GetBytes($$"""{"schemaVersion":2,"manifests":[{{signature}}]}"""), artifact, "application/spdx+json", new Dictionary<string, string>());

        var again = JsonDocument.Parse(ReferrersTagIndex.With(existing, artifact, "application/spdx+json", new Dictionary<string, string> { ["k"] = "v" })).RootElement;

        var entries = again.GetProperty("manifests").EnumerateArray().ToList();
        entries.Count.ShouldBe(2);
        entries[0].GetProperty("artifactType").GetString().ShouldBe("application/vnd.dev.cosign.simplesigning.v1+json");
        entries[1].GetProperty("annotations").GetProperty("k").GetString().ShouldBe("v");
    }

    [Fact]
    public void A_referrers_tag_that_holds_no_index_is_refused()
    {
        Should.Throw<FormatException>(() => ReferrersTagIndex.With("""{"schemaVersion":2,"layers":[]}"""u8.ToArray(), Subject, "application/spdx+json", new Dictionary<string, string>()));
    }
}
