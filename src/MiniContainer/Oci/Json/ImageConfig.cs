using System.Text.Json;
using System.Text.Json.Nodes;

namespace MiniContainer.Oci.Json;

/// <summary>A parsed image config: the document itself, its layers' diffIDs and its platform.</summary>
public sealed record ImageConfig(JsonObject Json, IReadOnlyList<OciDigest> DiffIds, OciPlatform Platform)
{
    /// <exception cref="FormatException">Not an image config; the message says what is missing.</exception>
    public static ImageConfig Read(ReadOnlySpan<byte> content)
    {
        JsonObject json;
        try
        {
            json = JsonNode.Parse(content) as JsonObject ?? throw new FormatException("the image config is not a JSON object");
        }
        catch (JsonException e)
        {
            throw new FormatException($"the image config is not valid JSON ({e.Message})");
        }
        var os = OciJson.String(json, "os") ?? throw new FormatException("the image config names no \"os\"");
        var architecture = OciJson.String(json, "architecture") ?? throw new FormatException("the image config names no \"architecture\"");
        if (json["rootfs"] is not JsonObject rootfs || rootfs["diff_ids"] is not JsonArray diffIds)
            throw new FormatException("the image config has no rootfs.diff_ids");
        var ids = diffIds.Select((d, i) => d is JsonValue v && v.TryGetValue<string>(out var text) && OciDigest.TryParse(text, out var digest)
            ? digest
            : throw new FormatException($"rootfs.diff_ids[{i}] of the image config is not a sha256 digest")).ToList();
        return new ImageConfig(json, ids, new OciPlatform(os, architecture, OciJson.String(json, "variant")));
    }
}
