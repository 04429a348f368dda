using MiniContainer.IntegrationTests.Fixtures;
using MiniContainer.Pipeline;
using MiniContainer.Sign;
using Xunit.Abstractions;

namespace MiniContainer.IntegrationTests.Sign;

/// <summary>
/// Keys openssl made that cannot sign, passwords that do not open the key, and a registry that refuses the signature:
/// each one message naming what to fix; a bad key stops PublishImage before anything is pushed.
/// </summary>
public sealed class SigningBadInputTests(RegistryFixture registry, TestSigningKeys keys, ITestOutputHelper output)
    : IClassFixture<RegistryFixture>, IClassFixture<TestSigningKeys>
{
    private const string WrongPassword = "wrong-pw-Tq55-never-print-me";

    [Theory]
    [InlineData("p384")]
    [InlineData("rsa")]
    [InlineData("no-password")]
    [InlineData("wrong-password")]
    [InlineData("damaged")]
    public async Task A_key_that_cannot_sign_stops_PublishImage_before_anything_is_pushed_naming_the_argument_to_fix(string problem)
    {
        using var hello = await SignedHello.ComposeAsync(registry, $"bad-{problem}", new TestLogger(output));
        var damaged = Path.Combine(hello.Module, "damaged.pem");
        var pem = File.ReadAllLines(keys.Key);
        pem[3] = new string(pem[3].Reverse().ToArray());
        File.WriteAllLines(damaged, pem);
        var (key, password, argument, message) = problem switch
        {
            "p384" => (keys.P384Key, null, PipelineArguments.SignKey, $"--sign-key={keys.P384Key} is an ECDSA key on P-384 (384 bits); cosign-format signatures here are ECDSA P-256"),
            "rsa" => (keys.RsaKey, null, PipelineArguments.SignKey, $"--sign-key={keys.RsaKey} is an RSA key; cosign-format signatures here are ECDSA P-256"),
            "no-password" => (keys.Key, null, PipelineArguments.SignKeyPassword,
                $"--sign-key={keys.Key} is an encrypted private key, and no password was given. Set MINICONTAINER_SIGN_KEY_PASSWORD (or the build script's SignKeyPassword) to its password."),
            "wrong-password" => (keys.Key, WrongPassword, PipelineArguments.SignKeyPassword,
                $"--sign-key={keys.Key} could not be decrypted with the password given: the password is wrong, or the file is damaged. Set MINICONTAINER_SIGN_KEY_PASSWORD (or the build script's SignKeyPassword) to its password."),
            _ => (damaged, TestSigningKeys.Password, PipelineArguments.SignKeyPassword,
                $"--sign-key={damaged} could not be decrypted with the password given: the password is wrong, or the file is damaged. Set MINICONTAINER_SIGN_KEY_PASSWORD (or the build script's SignKeyPassword) to its password."),
        };
        var pipeline = await hello.PipelineAsync(TestSigningKeys.EnvironmentWithPassword(password), ("sign-key", key));

        var error = await Should.ThrowAsync<PipelineArgumentException>(() => pipeline.PublishImageAsync(CancellationToken.None));

        error.Argument.ShouldBe(argument);
        error.Message.ShouldStartWith(message);
        error.ToString().ShouldNotContain(WrongPassword);
        error.ToString().ShouldNotContain(TestSigningKeys.Password);
        var inspect = ProcessRunner.Run("skopeo", ["inspect", "--raw", "--tls-verify=false", "--creds", $"{RegistryFixture.Username}:{RegistryFixture.Password}", $"docker://{registry.Address}/hello:bad-{problem}"]);
        inspect.ExitCode.ShouldNotBe(0, "nothing may be pushed with a key that cannot sign");
        inspect.StandardError.ShouldContain("manifest unknown");
    }

    [Fact]
    public async Task A_registry_that_refuses_the_signature_fails_PublishImage_saying_the_image_is_pushed_unsigned()
    {
        using var hello = await SignedHello.ComposeAsync(registry, "refused", new TestLogger(output));
        await hello.PublishAsync();
        var digest = hello.Digest;
        // A file where the registry links the signature tag's manifests: the tag reads as absent, but its PUT fails with a server error.
        var tags = Path.Combine(registry.StorageDirectory, "docker", "registry", "v2", "repositories", "hello", "_manifests", "tags");
        Directory.Exists(tags).ShouldBeTrue(tags);
        Directory.CreateDirectory(Path.Combine(tags, $"sha256-{digest["sha256:".Length..]}.sig"));
        File.WriteAllText(Path.Combine(tags, $"sha256-{digest["sha256:".Length..]}.sig", "index"), "not a folder");

        var error = await Should.ThrowAsync<ImageSignatureException>(() => hello.PublishAsync(("sign-key", keys.Key)));

        error.Message.ShouldStartWith($"{registry.Address}/hello:refused was pushed ({digest}), but its signature was not: The registry {registry.Address} answered 500 InternalServerError to PUT http://{registry.Address}/v2/hello/manifests/sha256-{digest["sha256:".Length..]}.sig");
        error.Message.ShouldEndWith("The image is in the registry unsigned, so a policy that requires signatures refuses it: fix the cause and publish again (the push of the same image is quick).");
        registry.DigestBySkopeo("hello", "refused").ShouldBe(digest);
    }

    [Fact]
    public async Task VerifyImageSignature_without_a_usable_public_key_names_verify_key()
    {
        using var hello = await SignedHello.ComposeAsync(registry, "no-verify-key", new TestLogger(output));

        var missing = await Should.ThrowAsync<PipelineArgumentException>(() => hello.VerifyAsync());
        var privateKey = await Should.ThrowAsync<PipelineArgumentException>(() => hello.VerifyAsync(("verify-key", keys.OtherKey)));
        var rsa = await Should.ThrowAsync<PipelineArgumentException>(() => hello.VerifyAsync(("verify-key", keys.RsaPublicKey)));

        missing.Message.ShouldBe("VerifyImageSignature needs the signer's public key: give --verify-key=<PEM file>.");
        privateKey.Argument.ShouldBe(PipelineArguments.VerifyKey);
        privateKey.Message.ShouldBe($"--verify-key={keys.OtherKey} is a private key; checking a signature needs only the public key, which is safe to share: `openssl pkey -in key.pem -pubout -out key.pub`.");
        rsa.Message.ShouldStartWith($"--verify-key={keys.RsaPublicKey} is an RSA key; cosign-format signatures here are ECDSA P-256");
    }
}
