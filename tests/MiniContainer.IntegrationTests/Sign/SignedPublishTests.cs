using System.Text;
using System.Text.Json;
using MiniContainer.IntegrationTests.Fixtures;
using MiniContainer.Sign;
using Xunit.Abstractions;

namespace MiniContainer.IntegrationTests.Sign;

/// <summary>
/// PublishImage with --sign-key against the real registry, read back by skopeo (its sigstore attachments and its
/// sigstoreSigned policy) with openssl checking the signature, and by VerifyImageSignature. Daemonless; each test its own image.
/// </summary>
public sealed class SignedPublishTests(RegistryFixture registry, TestSigningKeys keys, ITestOutputHelper output)
    : IClassFixture<RegistryFixture>, IClassFixture<TestSigningKeys>
{
    private static string Hex(string digest) => digest["sha256:".Length..];

    private string Raw(string repositoryAndTag)
    {
        var raw = ProcessRunner.Run("skopeo", ["inspect", "--raw", "--tls-verify=false", "--creds", $"{RegistryFixture.Username}:{RegistryFixture.Password}", $"docker://{registry.Address}/{repositoryAndTag}"]);
        raw.ExitCode.ShouldBe(0, raw.StandardError);
        return raw.StandardOutput;
    }

    /// <summary>Another image (umoci's empty one) pushed by skopeo to a tag of hello: unsigned, with a digest of its own.</summary>
    private string PushOtherImage(string tag)
    {
        var layout = Path.Combine(TestBed.TempDirectory("other-image"), "layout");
        ProcessRunner.Run("umoci", ["init", "--layout", layout]).ExitCode.ShouldBe(0);
        ProcessRunner.Run("umoci", ["new", "--image", $"{layout}:other"]).ExitCode.ShouldBe(0);
        var push = ProcessRunner.Run("skopeo", ["copy", "--dest-tls-verify=false", "--dest-creds", $"{RegistryFixture.Username}:{RegistryFixture.Password}", $"oci:{layout}:other", $"docker://{registry.Address}/hello:{tag}"]);
        push.ExitCode.ShouldBe(0, push.StandardError);
        Directory.Delete(Path.GetDirectoryName(layout)!, recursive: true);
        return registry.DigestBySkopeo("hello", tag);
    }

    private void Show(string what, ProcessRunner.Result result) => output.WriteLine($"skopeo copy ({what}): exit {result.ExitCode}: {result.StandardError.Trim()}");

    [Fact]
    public async Task A_signed_image_carries_one_cosign_signature_skopeo_reads_and_openssl_verifies_with_the_public_key_and_VerifyImageSignature_accepts()
    {
        using var hello = await SignedHello.ComposeAsync(registry, "signed", new TestLogger(output));
        using var skopeo = new SkopeoSignatures(registry, keys.PublicKey);

        await hello.PublishAsync(("sign-key", keys.Key));
        var digest = hello.Digest;

        var signature = skopeo.SignaturesOf("hello:signed").ShouldHaveSingleItem();
        signature.MimeType.ShouldBe("application/vnd.dev.cosign.simplesigning.v1+json");
        using (var payload = JsonDocument.Parse(signature.Payload))
        {
            payload.RootElement.GetProperty("critical").GetProperty("image").GetProperty("docker-manifest-digest").GetString().ShouldBe(digest);
            payload.RootElement.GetProperty("critical").GetProperty("identity").GetProperty("docker-reference").GetString().ShouldBe($"{registry.Address}/hello");
        }
        skopeo.OpensslVerifies(keys.PublicKey, signature).ShouldBeTrue();
        skopeo.OpensslVerifies(keys.OtherPublicKey, signature).ShouldBeFalse();
        await hello.VerifyAsync(("verify-key", keys.PublicKey));
        hello.Logger.Text.ShouldContain($"VerifyImageSignature: deploy {registry.Address}/hello@{digest}");
        using (var manifest = JsonDocument.Parse(Raw($"hello:sha256-{Hex(digest)}.sig")))
            manifest.RootElement.GetProperty("mediaType").GetString().ShouldBe("application/vnd.oci.image.manifest.v1+json");

        // Again: this key's signature of this payload is there already, so the tag keeps its one signature.
        await hello.PublishAsync(("sign-key", keys.Key));
        skopeo.SignaturesOf("hello:signed").Count.ShouldBe(1);
        hello.Logger.Text.ShouldContain("is already signed by");

        // Neither the password nor the private key reaches a log, the artifacts or the registry's storage (plain or base64).
        var privateKey = File.ReadAllText(keys.Key).Split('\n')[1];
        string[] secrets = [TestSigningKeys.Password, Convert.ToBase64String(Encoding.UTF8.GetBytes(TestSigningKeys.Password)), privateKey];
        var stored = Directory.EnumerateFiles(registry.StorageDirectory, "*", SearchOption.AllDirectories)
            .Concat(Directory.EnumerateFiles(hello.Layout.Root, "*", SearchOption.AllDirectories))
            .Select(File.ReadAllBytes).Select(Encoding.Latin1.GetString).ToList();
        foreach (var secret in secrets)
        {
            hello.Logger.Text.ShouldNotContain(secret);
            stored.ShouldNotContain(text => text.Contains(secret, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task An_unsigned_image_is_rejected_by_skopeos_sigstore_policy_and_by_VerifyImageSignature()
    {
        using var hello = await SignedHello.ComposeAsync(registry, "unsigned", new TestLogger(output));
        using var skopeo = new SkopeoSignatures(registry, keys.PublicKey);

        await hello.PublishAsync();
        var digest = hello.Digest;

        var copy = skopeo.CopyUnderPolicy("hello:unsigned");
        Show("unsigned", copy);
        copy.ExitCode.ShouldNotBe(0);
        copy.StandardError.ShouldContain("Source image rejected: A signature was required, but no signature exists");
        var error = await Should.ThrowAsync<ImageSignatureException>(() => hello.VerifyAsync(("verify-key", keys.PublicKey)));
        error.Message.ShouldBe($"{registry.Address}/hello@{digest} is not signed: the registry has no sha256-{Hex(digest)}.sig tag with a signature beside it. Do not deploy it; publish it with --sign-key.");
    }

    [Fact]
    public async Task A_tag_moved_to_another_digest_is_rejected_also_when_the_first_images_signature_is_copied_beside_the_second()
    {
        using var hello = await SignedHello.ComposeAsync(registry, "moved", new TestLogger(output));
        using var skopeo = new SkopeoSignatures(registry, keys.PublicKey);
        await hello.PublishAsync(("sign-key", keys.Key));
        var signed = hello.Digest;

        var other = PushOtherImage("moved");

        other.ShouldNotBe(signed);
        var moved = skopeo.CopyUnderPolicy("hello:moved");
        Show("moved tag", moved);
        moved.ExitCode.ShouldNotBe(0);
        moved.StandardError.ShouldContain("Source image rejected: A signature was required, but no signature exists");

        // The first image's signature put where the second's would be: sound, by the key, but it names the first digest.
        var copied = ProcessRunner.Run("skopeo", ["copy", "--src-tls-verify=false", "--dest-tls-verify=false", "--src-creds", $"{RegistryFixture.Username}:{RegistryFixture.Password}",
            "--dest-creds", $"{RegistryFixture.Username}:{RegistryFixture.Password}", $"docker://{registry.Address}/hello:sha256-{Hex(signed)}.sig", $"docker://{registry.Address}/hello:sha256-{Hex(other)}.sig"]);
        copied.ExitCode.ShouldBe(0, copied.StandardError);
        var beside = skopeo.SignaturesOf("hello:moved").ShouldHaveSingleItem();
        skopeo.OpensslVerifies(keys.PublicKey, beside).ShouldBeTrue();
        Encoding.UTF8.GetString(beside.Payload).ShouldContain(signed);
        File.Delete(hello.Layout.DigestFile("hello"));
        var error = await Should.ThrowAsync<ImageSignatureException>(() => hello.VerifyAsync(("verify-key", keys.PublicKey)));
        error.Message.ShouldStartWith($"{registry.Address}/hello@{other} has no signature that holds for the key in {keys.PublicKey} (1 under sha256-{Hex(other)}.sig: ");
        error.Message.ShouldContain($"signs {signed}, another image");
    }

    [Fact]
    public async Task An_image_and_its_signature_copied_to_another_repository_are_rejected_there_by_VerifyImageSignature()
    {
        using var hello = await SignedHello.ComposeAsync(registry, "copied", new TestLogger(output));
        await hello.PublishAsync(("sign-key", keys.Key));
        var digest = hello.Digest;

        // The image and its signature both copied, unchanged, to the repository "elsewhere".
        foreach (var (from, to) in new[] { ("hello:copied", "elsewhere:copied"), ($"hello:sha256-{Hex(digest)}.sig", $"elsewhere:sha256-{Hex(digest)}.sig") })
        {
            var copy = ProcessRunner.Run("skopeo", ["copy", "--src-tls-verify=false", "--dest-tls-verify=false", "--src-creds", $"{RegistryFixture.Username}:{RegistryFixture.Password}",
                "--dest-creds", $"{RegistryFixture.Username}:{RegistryFixture.Password}", $"docker://{registry.Address}/{from}", $"docker://{registry.Address}/{to}"]);
            copy.ExitCode.ShouldBe(0, copy.StandardError);
        }
        registry.DigestBySkopeo("elsewhere", "copied").ShouldBe(digest);
        using var key = SignatureVerificationKey.Load(keys.PublicKey);
        var elsewhere = new MiniContainer.Publish.PublishRequest
        {
            Registry = registry.Address, Repository = "elsewhere", Tag = "copied",
            Credentials = new MiniContainer.Docker.Credentials.RegistryCredentials(RegistryFixture.Username, RegistryFixture.Password),
        };

        var error = await Should.ThrowAsync<ImageSignatureException>(() =>
            SignatureCheckStep.RunAsync(new SignatureCheckRequest(elsewhere, MiniContainer.Oci.OciDigest.Parse(digest), key)));

        error.Message.ShouldContain($"signs the image for {registry.Address}/hello, another repository");
        error.Message.ShouldStartWith($"{registry.Address}/elsewhere@{digest} has no signature that holds");
    }

    [Fact]
    public async Task A_signature_made_with_another_key_fails_openssl_and_VerifyImageSignature_with_the_public_key()
    {
        using var hello = await SignedHello.ComposeAsync(registry, "other-key", new TestLogger(output));
        using var skopeo = new SkopeoSignatures(registry, keys.PublicKey);

        await hello.PublishAsync(("sign-key", keys.OtherKey));
        var digest = hello.Digest;

        var signature = skopeo.SignaturesOf("hello:other-key").ShouldHaveSingleItem();
        skopeo.OpensslVerifies(keys.PublicKey, signature).ShouldBeFalse();
        skopeo.OpensslVerifies(keys.OtherPublicKey, signature).ShouldBeTrue();
        var error = await Should.ThrowAsync<ImageSignatureException>(() => hello.VerifyAsync(("verify-key", keys.PublicKey)));
        error.Message.ShouldBe($"{registry.Address}/hello@{digest} has no signature that holds for the key in {keys.PublicKey} (1 under sha256-{Hex(digest)}.sig: " +
                               $"{OciLayerOf(signature)}: not signed by the key in {keys.PublicKey}). Do not deploy it; check that the image is the one published and the key is its signer's.");
    }

    [Fact]
    public async Task A_multi_platform_index_is_signed_and_so_is_each_platforms_manifest()
    {
        using var hello = await SignedHello.ComposeAsync(registry, "index", new TestLogger(output), ("platforms", "linux/amd64,linux/arm64"));
        using var skopeo = new SkopeoSignatures(registry, keys.PublicKey);

        await hello.PublishAsync(("sign-key", keys.Key));
        var index = hello.Digest;

        using var raw = JsonDocument.Parse(Raw("hello:index"));
        raw.RootElement.GetProperty("mediaType").GetString().ShouldBe("application/vnd.oci.image.index.v1+json");
        var platforms = raw.RootElement.GetProperty("manifests").EnumerateArray().Select(m => m.GetProperty("digest").GetString()!).ToList();
        platforms.Count.ShouldBe(2);
        foreach (var digest in platforms.Prepend(index))
        {
            using var signatures = JsonDocument.Parse(Raw($"hello:sha256-{Hex(digest)}.sig"));
            signatures.RootElement.GetProperty("layers").EnumerateArray().ShouldHaveSingleItem().GetProperty("mediaType").GetString().ShouldBe(SimpleSigningPayload.MediaType);
        }
        foreach (var (reference, digest) in platforms.Select(p => ($"hello@{p}", p)).Append(("hello:index", index)))
        {
            var signature = skopeo.SignaturesOf(reference, all: true).ShouldHaveSingleItem();
            Encoding.UTF8.GetString(signature.Payload).ShouldContain($"\"docker-manifest-digest\":\"{digest}\"");
            skopeo.OpensslVerifies(keys.PublicKey, signature).ShouldBeTrue();
        }
        await hello.VerifyAsync(("verify-key", keys.PublicKey));
        hello.Logger.Text.ShouldContain($"VerifyImageSignature: deploy {registry.Address}/hello@{index}");
    }

    private static string OciLayerOf(SkopeoSignature signature) => MiniContainer.Oci.OciDigest.Of(signature.Payload).ToString();
}
