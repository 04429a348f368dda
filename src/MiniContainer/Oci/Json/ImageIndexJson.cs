using System.Text.Json;
using System.Text.Json.Nodes;

namespace MiniContainer.Oci.Json;

/// <summary>Writes and reads image indexes (an OCI layout's index.json, a registry's manifest list). Pure.</summary>
public static class ImageIndexJson
{
    /// <summary>The annotation an OCI layout names a manifest by (the tag, as skopeo and umoci read it).</summary>
    public const string RefName = "org.opencontainers.image.ref.name";

    /// <param name="annotations">The index's own annotations (sorted, so the bytes stay the same); none when null or empty.</param>
    public static byte[] Write(IReadOnlyList<OciDescriptor> manifests, IReadOnlyDictionary<string, string>? annotations = null)
    {
        var json = new JsonObject
        {
            ["schemaVersion"] = 2,
            ["mediaType"] = OciMediaTypes.ImageIndex,
            ["manifests"] = new JsonArray(manifests.Select(m => (JsonNode)OciJson.Descriptor(m)).ToArray()),
        };
        if (annotations is { Count: > 0 })
            json["annotations"] = new JsonObject(annotations.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => KeyValuePair.Create(a.Key, (JsonNode?)a.Value)));
        return OciJson.Serialize(json);
    }

    /// <exception cref="FormatException">Not an index; the message says what is missing.</exception>
    public static IReadOnlyList<OciDescriptor> Read(ReadOnlySpan<byte> content)
    {
        JsonObject json;
        try
        {
            json = JsonNode.Parse(content) as JsonObject ?? throw new FormatException("the index is not a JSON object");
        }
        catch (JsonException e)
        {
            throw new FormatException($"the index is not valid JSON ({e.Message})");
        }
        if (json["manifests"] is not JsonArray manifests) throw new FormatException("the index has no \"manifests\" array");
        return manifests.Select((m, i) => OciJson.ReadDescriptor(m) ?? throw new FormatException($"manifests[{i}] of the index is not a valid descriptor (mediaType, digest, size)")).ToList();
    }
}
