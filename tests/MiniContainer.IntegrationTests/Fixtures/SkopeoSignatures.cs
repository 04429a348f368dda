using System.Text;
using System.Text.Json;

namespace MiniContainer.IntegrationTests.Fixtures;

/// <summary>A sigstore signature as skopeo read it from the registry: its MIME type, payload and annotations.</summary>
public sealed record SkopeoSignature(string MimeType, byte[] Payload, IReadOnlyDictionary<string, string> Annotations);

/// <summary>
/// skopeo (and openssl) as independent readers of our signatures. skopeo reads the <c>sha256-&lt;hex&gt;.sig</c> attachments
/// (<c>use-sigstore-attachments</c> in a registries.d) and enforces a policy.json with a <c>sigstoreSigned</c> requirement on a
/// public key. Debian's skopeo 1.9.3 stops every image that has a sigstore signature with "Debian-local change: sigstore
/// disabled" (its build leaves the sigstore verifier out), so here it proves the rejections that need no verification (no
/// signature for the digest) and hands over the signatures it parsed; openssl checks the ECDSA signature over the payload.
/// </summary>
public sealed class SkopeoSignatures : IDisposable
{
    private readonly string _folder = TestBed.TempDirectory("sigstore-policy");
    private readonly RegistryFixture _registry;

    public SkopeoSignatures(RegistryFixture registry, string publicKey)
    {
        _registry = registry;
        File.WriteAllText(PolicyFile, $$$"""
            {
              "default": [{"type": "reject"}],
              "transports": {
                "docker": {
                  "{{{registry.Address}}}": [{"type": "sigstoreSigned", "keyPath": "{{{publicKey}}}", "signedIdentity": {"type": "matchRepository"}}]
                }
              }
            }
            """);
        File.WriteAllText(AcceptAnythingFile, """{"default": [{"type": "insecureAcceptAnything"}]}""");
        Directory.CreateDirectory(RegistriesD);
        File.WriteAllText(Path.Combine(RegistriesD, "loopback.yaml"), $"""
            docker:
              {registry.Address}:
                use-sigstore-attachments: true
            """);
    }

    /// <summary>Admits the loopback registry's images only with a sigstore signature by the public key.</summary>
    public string PolicyFile => Path.Combine(_folder, "policy.json");

    public string RegistriesD => Path.Combine(_folder, "registries.d");

    private string AcceptAnythingFile => Path.Combine(_folder, "accept-anything.json");

    /// <summary><c>skopeo copy</c> of repository:tag into a fresh OCI layout under the sigstoreSigned policy.</summary>
    public ProcessRunner.Result CopyUnderPolicy(string repositoryAndTag) => Copy(PolicyFile, repositoryAndTag, $"oci:{NewFolder()}:copy");

    /// <summary>The sigstore signatures skopeo reads beside repository:tag (it writes them as <c>signature-N</c> into a dir: copy).</summary>
    /// <param name="all">Copy an index whole (<c>--all</c>): then signature-N are the index's own, not one platform's.</param>
    public IReadOnlyList<SkopeoSignature> SignaturesOf(string repositoryAndTag, bool all = false)
    {
        var folder = NewFolder();
        var copy = Copy(AcceptAnythingFile, repositoryAndTag, $"dir:{folder}", all ? ["--all"] : []);
        copy.ExitCode.ShouldBe(0, copy.Output);
        var signatures = new List<SkopeoSignature>();
        for (var n = 1; File.Exists(Path.Combine(folder, $"signature-{n}")); n++)
        {
            var blob = File.ReadAllBytes(Path.Combine(folder, $"signature-{n}"));
            var header = "\0sigstore-json\n"u8;
            blob.AsSpan().StartsWith(header).ShouldBeTrue($"signature-{n} is not a sigstore signature to skopeo: {Encoding.UTF8.GetString(blob)}");
            using var json = JsonDocument.Parse(blob.AsMemory(header.Length));
            signatures.Add(new SkopeoSignature(json.RootElement.GetProperty("mimeType").GetString()!, json.RootElement.GetProperty("payload").GetBytesFromBase64(),
                json.RootElement.GetProperty("annotations").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!)));
        }
        return signatures;
    }

    /// <summary>openssl's word on a signature: whether the cosign annotation is the public key's ECDSA-SHA256 signature of the payload.</summary>
    public bool OpensslVerifies(string publicKey, SkopeoSignature signature)
    {
        var folder = NewFolder();
        Directory.CreateDirectory(folder);
        var payload = Path.Combine(folder, "payload");
        var der = Path.Combine(folder, "signature.der");
        File.WriteAllBytes(payload, signature.Payload);
        File.WriteAllBytes(der, Convert.FromBase64String(signature.Annotations["dev.cosignproject.cosign/signature"]));
        var result = ProcessRunner.Run("openssl", ["dgst", "-sha256", "-verify", publicKey, "-signature", der, payload]);
        return result.ExitCode == 0 && result.StandardOutput.Trim() == "Verified OK";
    }

    private ProcessRunner.Result Copy(string policy, string repositoryAndTag, string destination, string[]? options = null) =>
        ProcessRunner.Run("skopeo", ["copy", .. options ?? [], "--policy", policy, "--registries.d", RegistriesD, "--src-tls-verify=false",
            "--src-creds", $"{RegistryFixture.Username}:{RegistryFixture.Password}", $"docker://{_registry.Address}/{repositoryAndTag}", destination], timeoutSeconds: 300);

    private string NewFolder() => Path.Combine(_folder, Guid.NewGuid().ToString("N"));

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
