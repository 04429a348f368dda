using System.Text;
using MiniContainer.IntegrationTests.Fixtures;

namespace MiniContainer.IntegrationTests.Cake;

/// <summary>
/// Signing through the recipe as a consumer repository runs it (real Cake.Tool, hello's build.sh): Publish with --sign-key pushes
/// the engine's image signed, VerifyImageSignature checks it in a later run as a release would, and the key's password comes
/// from the environment only.
/// </summary>
[Collection(EngineCollection.Name)]
public sealed class SignedRecipeTests(RegistryFixture registry, TestSigningKeys keys) : IClassFixture<RegistryFixture>, IClassFixture<TestSigningKeys>
{
    private static readonly Dictionary<string, string> Credentials = new()
    {
        ["MINICONTAINER_REGISTRY_USERNAME"] = RegistryFixture.Username,
        ["MINICONTAINER_REGISTRY_PASSWORD"] = RegistryFixture.Password,
    };

    [EngineFact]
    public void Publish_with_a_sign_key_pushes_the_engines_image_signed_and_a_later_VerifyImageSignature_accepts_it_with_the_public_key_only()
    {
        using var repository = ConsumerRepository.CopyOf("hello");
        using var skopeo = new SkopeoSignatures(registry, keys.PublicKey);
        var signing = new Dictionary<string, string>(Credentials) { [TestSigningKeys.PasswordVariable] = TestSigningKeys.Password };
        string[] target = [$"--registry={registry.Address}", "--image-tag=signed-cake"];

        var publish = repository.BuildSh(signing, ["Publish", "--engine=docker", "--smoke-test=false", .. ConsumerRepository.TestImages, .. target, $"--sign-key={keys.Key}"]);

        publish.ExitCode.ShouldBe(0, publish.Output);
        var digest = File.ReadAllText(Path.Combine(repository.Artifacts, "image", "hello.digest")).Trim();
        registry.DigestBySkopeo("hello", "signed-cake").ShouldBe(digest);
        var signature = skopeo.SignaturesOf("hello:signed-cake").ShouldHaveSingleItem();
        skopeo.OpensslVerifies(keys.PublicKey, signature).ShouldBeTrue();
        Encoding.UTF8.GetString(signature.Payload).ShouldContain($"\"docker-reference\":\"{registry.Address}/hello\"}},\"image\":{{\"docker-manifest-digest\":\"{digest}\"}}");
        publish.Output.ShouldNotContain(TestSigningKeys.Password);

        // The release: no signing key, no password, only the public key.
        var verify = repository.BuildSh(Credentials, ["VerifyImageSignature", .. target, $"--verify-key={keys.PublicKey}"]);
        verify.ExitCode.ShouldBe(0, verify.Output);
        verify.Output.ShouldContain($"VerifyImageSignature: deploy {registry.Address}/hello@{digest}");
        var otherKey = repository.BuildSh(Credentials, ["VerifyImageSignature", .. target, $"--verify-key={keys.OtherPublicKey}"]);
        otherKey.ExitCode.ShouldNotBe(0);
        otherKey.Output.ShouldContain($"VerifyImageSignature: {registry.Address}/hello@{digest} has no signature that holds for the key in {keys.OtherPublicKey}");
    }

    [Fact]
    public void The_sign_key_password_on_the_command_line_is_refused_before_any_step_without_being_printed()
    {
        using var repository = ConsumerRepository.CopyOf("hello");

        var run = repository.BuildSh(Credentials, "PublishImage", "--exclusive", $"--registry={registry.Address}", $"--sign-key={keys.Key}", "--sign-key-password=pw-Lm40-on-the-command-line");

        run.ExitCode.ShouldNotBe(0);
        run.Output.ShouldContain("--sign-key-password is refused on the command line, where ps, shell history and CI logs show it: set MINICONTAINER_SIGN_KEY_PASSWORD (from a CI secret), or MiniContainer.Settings.SignKeyPassword from a secret in the build script.");
        run.Output.ShouldNotContain("pw-Lm40-on-the-command-line");
    }
}
