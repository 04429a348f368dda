using System.Text;
using System.Text.Json;
using MiniContainer.Oci;

namespace MiniContainer.Sign;

/// <summary>
/// The payload a cosign signature signs (the "simple signing" JSON, <c>application/vnd.dev.cosign.simplesigning.v1+json</c>):
/// the repository the image was pushed to and its manifest digest, written exactly as cosign writes it
/// (compact, its key order, <c>"optional":null</c>), which skopeo's <c>sigstoreSigned</c> policy reads. Pure.
/// </summary>
public static class SimpleSigningPayload
{
    public const string MediaType = "application/vnd.dev.cosign.simplesigning.v1+json";

    public const string SignatureType = "cosign container image signature";

    /// <param name="dockerReference">The repository, <c>registry/name</c> without tag or digest (cosign signs the repository, not the tag).</param>
    public static byte[] Write(string dockerReference, OciDigest manifest)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartObject("critical");
            json.WriteStartObject("identity");
            json.WriteString("docker-reference", dockerReference);
            json.WriteEndObject();
            json.WriteStartObject("image");
            json.WriteString("docker-manifest-digest", manifest.ToString());
            json.WriteEndObject();
            json.WriteString("type", SignatureType);
            json.WriteEndObject();
            json.WriteNull("optional");
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }

    /// <summary>The repository and digest a payload names (after its signature was checked).</summary>
    /// <exception cref="FormatException">Not a cosign simple-signing payload; the message says what is missing.</exception>
    public static (string DockerReference, OciDigest Manifest) Read(byte[] payload)
    {
        try
        {
            using var document = JsonDocument.Parse(payload);
            var critical = document.RootElement.GetProperty("critical");
            var type = critical.GetProperty("type").GetString();
            if (type != SignatureType) throw new FormatException($"its type is '{type}', not '{SignatureType}'");
            var reference = critical.GetProperty("identity").GetProperty("docker-reference").GetString() ?? throw new FormatException("it names no docker-reference");
            var digest = critical.GetProperty("image").GetProperty("docker-manifest-digest").GetString();
            return OciDigest.TryParse(digest, out var manifest) ? (reference, manifest) : throw new FormatException($"its docker-manifest-digest '{digest}' is not a sha256 digest");
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new FormatException($"it is not a simple-signing payload ({e.Message}): {Encoding.UTF8.GetString(payload, 0, Math.Min(payload.Length, 200))}");
        }
    }
}
