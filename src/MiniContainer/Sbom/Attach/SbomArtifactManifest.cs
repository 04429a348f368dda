using System.Text.Json.Nodes;
using MiniContainer.Oci;

namespace MiniContainer.Sbom.Attach;

/// <summary>
/// The OCI artifact that carries an SBOM for an image (image spec 1.1): an image manifest with
/// <c>artifactType</c> application/spdx+json, the empty config, the SBOM as its one layer, and the
/// image as its <c>subject</c>. Pure: same inputs, same bytes.
/// </summary>
public static class SbomArtifactManifest
{
    public const string EmptyConfigMediaType = "application/vnd.oci.empty.v1+json";

    /// <summary>The empty config's content, "{}".</summary>
    public static byte[] EmptyConfig => "{}"u8.ToArray();

    public static OciDescriptor EmptyConfigDescriptor { get; } = new(EmptyConfigMediaType, OciDigest.Of("{}"u8), 2);

    public static byte[] Write(OciDescriptor subject, OciDescriptor sbom, DateTimeOffset created)
    {
        var json = new JsonObject
        {
            ["schemaVersion"] = 2,
            ["mediaType"] = OciMediaTypes.ImageManifest,
            ["artifactType"] = SpdxDocumentWriter.MediaType,
            ["config"] = Descriptor(EmptyConfigDescriptor),
            ["layers"] = new JsonArray(Descriptor(sbom)),
            ["subject"] = Descriptor(subject),
            ["annotations"] = new JsonObject { ["org.opencontainers.image.created"] = Oci.Json.OciJson.Time(created) },
        };
        return Oci.Json.OciJson.Serialize(json);
    }

    internal static JsonObject Descriptor(OciDescriptor descriptor) => new()
    {
        ["mediaType"] = descriptor.MediaType,
        ["digest"] = descriptor.Digest.ToString(),
        ["size"] = descriptor.Size,
    };
}
