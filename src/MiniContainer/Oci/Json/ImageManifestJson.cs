using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MiniContainer.Oci.Json;

/// <summary>An image manifest: its config and layers (the descriptors), plus annotations.</summary>
public sealed record ImageManifest(string MediaType, OciDescriptor Config, IReadOnlyList<OciDescriptor> Layers)
{
    public ImmutableSortedDictionary<string, string> Annotations { get; init; } = ImmutableSortedDictionary<string, string>.Empty.WithComparers(StringComparer.Ordinal);
}

/// <summary>Writes and reads image manifests (OCI, and Docker schema 2 on read). Pure.</summary>
public static class ImageManifestJson
{
    public static byte[] Write(ImageManifest manifest)
    {
        var json = new JsonObject
        {
            ["schemaVersion"] = 2,
            ["mediaType"] = manifest.MediaType,
            ["config"] = OciJson.Descriptor(manifest.Config),
            ["layers"] = new JsonArray(manifest.Layers.Select(l => (JsonNode)OciJson.Descriptor(l)).ToArray()),
        };
        if (manifest.Annotations.Count > 0)
            json["annotations"] = new JsonObject(manifest.Annotations.Select(a => KeyValuePair.Create(a.Key, (JsonNode?)a.Value)));
        return OciJson.Serialize(json);
    }

    /// <summary>Reads a manifest; <paramref name="mediaType"/> is the one the transport named, used when the document names none.</summary>
    /// <exception cref="FormatException">Not an image manifest; the message says what is missing.</exception>
    public static ImageManifest Read(ReadOnlySpan<byte> content, string? mediaType = null)
    {
        JsonObject json;
        try
        {
            json = JsonNode.Parse(content) as JsonObject ?? throw new FormatException("the manifest is not a JSON object");
        }
        catch (JsonException e)
        {
            throw new FormatException($"the manifest is not valid JSON ({e.Message})");
        }
        var type = OciJson.String(json, "mediaType") ?? mediaType ?? OciMediaTypes.ImageManifest;
        if (!OciMediaTypes.IsManifest(type)) throw new FormatException($"the document is a {type}, not an image manifest");
        var config = OciJson.ReadDescriptor(json["config"]) ?? throw new FormatException("the manifest has no valid config descriptor (mediaType, digest, size)");
        if (json["layers"] is not JsonArray layers) throw new FormatException("the manifest has no layers array");
        var read = layers.Select((l, i) => OciJson.ReadDescriptor(l) ?? throw new FormatException($"layer {i} of the manifest is not a valid descriptor")).ToList();
        var annotations = json["annotations"] is JsonObject a
            ? a.Where(kv => kv.Value?.GetValueKind() == JsonValueKind.String).ToImmutableSortedDictionary(kv => kv.Key, kv => kv.Value!.GetValue<string>(), StringComparer.Ordinal)
            : ImmutableSortedDictionary<string, string>.Empty.WithComparers(StringComparer.Ordinal);
        return new ImageManifest(type, config, read) { Annotations = annotations };
    }
}
