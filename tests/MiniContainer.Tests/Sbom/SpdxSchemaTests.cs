using System.Text.Json.Nodes;
using MiniContainer.Elf;
using MiniContainer.Oci;
using MiniContainer.Sbom;

namespace MiniContainer.Tests.Sbom;

/// <summary>The schema check bites: a document the SPDX schema rejects is reported, so a pass means something.</summary>
public sealed class SpdxSchemaTests
{
    private static JsonObject ValidDocument() => JsonNode.Parse(SpdxDocumentWriter.Write(new SbomImage
    {
        Repository = "hello",
        Platform = new OciPlatform("linux", "amd64"),
        Binaries = [new SbomBinary("/app/hello", new string('a', 64), new GoBuildInfo("go1.19.8", "example.com/hello", null, [], []))],
        Provenance = new BuildProvenance(null, null, false, null, []),
        Created = DateTimeOffset.UnixEpoch,
    }))!.AsObject();

    [Fact]
    public void A_document_without_its_data_license_is_rejected()
    {
        var document = ValidDocument();
        document.Remove("dataLicense");

        SpdxSchema.Violations(document.ToJsonString()).ShouldContain(v => v.Contains("dataLicense"));
    }

    [Fact]
    public void A_checksum_algorithm_outside_the_spdx_list_is_rejected()
    {
        var document = ValidDocument();
        document["packages"]![1]!["checksums"]![0]!["algorithm"] = "SHA-256";

        SpdxSchema.Violations(document.ToJsonString()).ShouldNotBeEmpty();
    }

    [Fact]
    public void An_unknown_package_field_is_rejected()
    {
        var document = ValidDocument();
        document["packages"]![0]!["purl"] = "pkg:golang/x";

        SpdxSchema.Violations(document.ToJsonString()).ShouldNotBeEmpty();
    }
}
