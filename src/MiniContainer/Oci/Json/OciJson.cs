using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MiniContainer.Oci.Json;

/// <summary>How every OCI document we write is serialised: compact, UTF-8, only the escapes JSON needs.</summary>
internal static class OciJson
{
    public static byte[] Serialize(JsonNode node) => MiniContainerJsonContext.Write(node, MiniContainerJsonContext.Default.JsonNode, MiniContainerJsonContext.Compact);

    /// <summary>A JSON array of strings, as a Dockerfile's exec form and the history lines write it.</summary>
    public static string Array(IReadOnlyList<string> items) =>
        MiniContainerJsonContext.WriteText(items, MiniContainerJsonContext.Default.IReadOnlyListString, MiniContainerJsonContext.Compact);

    /// <summary>RFC 3339 in UTC to the second: the "created" form the image spec and the labels use.</summary>
    public static string Time(DateTimeOffset time) => time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static JsonObject Descriptor(OciDescriptor descriptor)
    {
        var json = new JsonObject
        {
            ["mediaType"] = descriptor.MediaType,
            ["digest"] = descriptor.Digest.ToString(),
            ["size"] = descriptor.Size,
        };
        if (descriptor.Annotations.Count > 0)
            json["annotations"] = new JsonObject(descriptor.Annotations.Select(a => KeyValuePair.Create(a.Key, (JsonNode?)a.Value)));
        if (descriptor.Platform is { } platform)
        {
            var p = new JsonObject { ["architecture"] = platform.Architecture, ["os"] = platform.Os };
            if (platform.Variant is not null) p["variant"] = platform.Variant;
            json["platform"] = p;
        }
        return json;
    }

    /// <summary>Reads a descriptor; null when a required field is missing or malformed.</summary>
    public static OciDescriptor? ReadDescriptor(JsonNode? node)
    {
        if (node is not JsonObject json) return null;
        if (json["mediaType"]?.GetValueKind() is not JsonValueKind.String && json["mediaType"] is not null) return null;
        if (!OciDigest.TryParse(String(json, "digest"), out var digest)) return null;
        if (json["size"] is not JsonValue size || !size.TryGetValue<long>(out var bytes)) return null;
        OciPlatform? platform = null;
        if (json["platform"] is JsonObject p && String(p, "os") is { } os && String(p, "architecture") is { } arch)
            platform = new OciPlatform(os, arch, String(p, "variant"));
        var annotations = json["annotations"] is JsonObject a
            ? a.Where(kv => kv.Value?.GetValueKind() == JsonValueKind.String).ToDictionary(kv => kv.Key, kv => kv.Value!.GetValue<string>())
            : [];
        return new OciDescriptor(String(json, "mediaType") ?? "", digest, bytes)
        {
            Platform = platform,
            Annotations = annotations.Count == 0 ? OciDescriptor.NoAnnotations : annotations.ToImmutableSortedDictionary(StringComparer.Ordinal),
        };
    }

    public static string? String(JsonObject json, string name) =>
        json[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
