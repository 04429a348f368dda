using System.Collections.Immutable;
using System.Text.Json.Nodes;
using MiniContainer.Docker.Credentials;
using MiniContainer.Images;
using MiniContainer.Oci;
using MiniContainer.Oci.Json;
using MiniContainer.Registry;

namespace MiniContainer.Sign;

/// <summary>
/// Where and how cosign stores an image's signatures: an OCI image manifest tagged <c>sha256-&lt;hex&gt;.sig</c>
/// in the image's repository, one layer per signature (the simple-signing payload as the blob, the base64 signature
/// in the <c>dev.cosignproject.cosign/signature</c> annotation), and cosign's small image config over them. Pure.
/// </summary>
public static class SignatureManifest
{
    public const string SignatureAnnotation = "dev.cosignproject.cosign/signature";

    /// <summary>The tag that holds the signatures of <paramref name="image"/>: its digest with ':' made '-', then <c>.sig</c>.</summary>
    public static string TagFor(OciDigest image) => $"sha256-{image.Hex}.sig";

    /// <summary>The repository a signature names, as cosign writes it: <c>registry/name</c> (Docker Hub as <c>docker.io/library/name</c>).</summary>
    public static string IdentityOf(ImageReference image) =>
        RegistryHost.IsDockerHub(image.RegistryHost) ? $"{ImageReference.DockerHub}/{RegistryAddress.RepositoryPath(image)}" : $"{image.RegistryHost}/{image.Repository}";

    /// <summary>Whether two docker-references name the same repository (cosign writes Docker Hub as index.docker.io).</summary>
    public static bool SameRepository(string a, string b) => Normal(a) == Normal(b);

    /// <summary>One signature as a layer: the payload's descriptor with the signature annotation.</summary>
    public static OciDescriptor Layer(byte[] payload, byte[] signature) =>
        new(SimpleSigningPayload.MediaType, OciDigest.Of(payload), payload.Length)
        {
            Annotations = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [KeyValuePair.Create(SignatureAnnotation, Convert.ToBase64String(signature))]),
        };

    /// <summary>cosign's config for a signature manifest: an image config whose diff_ids are the signature layers' digests.</summary>
    public static byte[] Config(IReadOnlyList<OciDescriptor> layers) => OciJson.Serialize(new JsonObject
    {
        ["architecture"] = "",
        ["created"] = "0001-01-01T00:00:00Z",
        ["history"] = new JsonArray(layers.Select(_ => (JsonNode)new JsonObject { ["created"] = "0001-01-01T00:00:00Z" }).ToArray()),
        ["os"] = "",
        ["rootfs"] = new JsonObject { ["type"] = "layers", ["diff_ids"] = new JsonArray(layers.Select(l => (JsonNode)l.Digest.ToString()).ToArray()) },
        ["config"] = new JsonObject(),
    });

    /// <summary>The manifest over <paramref name="layers"/> with its config (both to push).</summary>
    public static (ImageManifest Manifest, byte[] Bytes, byte[] Config) Write(IReadOnlyList<OciDescriptor> layers)
    {
        var config = Config(layers);
        var manifest = new ImageManifest(OciMediaTypes.ImageManifest, new OciDescriptor(OciMediaTypes.ImageConfig, OciDigest.Of(config), config.Length), layers);
        return (manifest, ImageManifestJson.Write(manifest), config);
    }

    private static string Normal(string reference) =>
        reference.StartsWith("index.docker.io/", StringComparison.Ordinal) ? "docker.io/" + reference["index.docker.io/".Length..] : reference;
}
