using System.Text.Json;
using System.Text.Json.Nodes;
using MiniContainer.Oci;

namespace MiniContainer.Sbom.Attach;

/// <summary>
/// The distribution spec's fallback for registries without the referrers API: an image index
/// tagged <c>sha256-&lt;hex of the subject&gt;</c> that lists the subject's referrers, each with its
/// artifactType and annotations. Pure.
/// </summary>
public static class ReferrersTagIndex
{
    /// <summary>The tag of the referrers index for a subject: its digest with ':' made '-'.</summary>
    public static string TagFor(OciDigest subject) => "sha256-" + subject.Hex;

    /// <summary>
    /// The index with <paramref name="referrer"/> in it: the entries of <paramref name="existing"/> (another
    /// tool's referrers too) kept in their order, one with the same digest replaced, ours appended.
    /// </summary>
    /// <exception cref="FormatException">The existing document is not an image index.</exception>
    public static byte[] With(byte[]? existing, OciDescriptor referrer, string artifactType, IReadOnlyDictionary<string, string> annotations)
    {
        var manifests = new JsonArray();
        if (existing is not null)
        {
            JsonObject index;
            try
            {
                index = JsonNode.Parse(existing) as JsonObject ?? throw new FormatException("the referrers tag holds no JSON object");
            }
            catch (JsonException e)
            {
                throw new FormatException($"the referrers tag holds no valid JSON ({e.Message})");
            }
            if (index["manifests"] is not JsonArray entries) throw new FormatException("the referrers tag holds no image index (no \"manifests\")");
            foreach (var entry in entries)
                if (entry is JsonObject e && Oci.Json.OciJson.String(e, "digest") != referrer.Digest.ToString())
                    manifests.Add(e.DeepClone());
        }

        var ours = SbomArtifactManifest.Descriptor(referrer);
        ours["artifactType"] = artifactType;
        if (annotations.Count > 0)
            ours["annotations"] = new JsonObject(annotations.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => KeyValuePair.Create(a.Key, (JsonNode?)a.Value)));
        manifests.Add(ours);
        return Oci.Json.OciJson.Serialize(new JsonObject
        {
            ["schemaVersion"] = 2,
            ["mediaType"] = OciMediaTypes.ImageIndex,
            ["manifests"] = manifests,
        });
    }
}
