using System.Text;
using MiniContainer.Images;
using MiniContainer.Oci;
using MiniContainer.Sign;

namespace MiniContainer.Tests.Sign;

public class SimpleSigningPayloadTests
{
    private static readonly OciDigest Image = OciDigest.Of("an image manifest"u8);

    [Fact]
    public void The_payload_is_cosigns_simple_signing_json_byte_for_byte()
    {
        var payload = SimpleSigningPayload.Write("127.0.0.1:5000/team/hello", Image);

        Encoding.UTF8.GetString(payload).ShouldBe(
            "{\"critical\":{\"identity\":{\"docker-reference\":\"127.0.0.1:5000/team/hello\"},\"image\":{\"docker-manifest-digest\":\"" + Image +
            "\"},\"type\":\"cosign container image signature\"},\"optional\":null}");
    }

    [Fact]
    public void A_payload_reads_back_as_the_repository_and_digest_it_names()
    {
        SimpleSigningPayload.Read(SimpleSigningPayload.Write("127.0.0.1:5000/hello", Image)).ShouldBe(("127.0.0.1:5000/hello", Image));
    }

    [Theory]
    [InlineData("{\"critical\":{\"identity\":{\"docker-reference\":\"r\"},\"image\":{\"docker-manifest-digest\":\"sha256:00\"},\"type\":\"cosign container image signature\"},\"optional\":null}", "is not a sha256 digest")]
    [InlineData("{\"critical\":{\"identity\":{\"docker-reference\":\"r\"},\"image\":{},\"type\":\"cosign container image signature\"}}", "not a simple-signing payload")]
    [InlineData("{\"critical\":{\"type\":\"atomic container signature\"}}", "not 'cosign container image signature'")]
    [InlineData("not json", "not a simple-signing payload")]
    public void A_payload_that_names_no_image_is_refused_saying_what_is_missing(string json, string problem)
    {
        Should.Throw<FormatException>(() => SimpleSigningPayload.Read(Encoding.UTF8.GetBytes(json))).Message.ShouldContain(problem);
    }

    [Fact]
    public void The_signature_tag_is_the_digest_with_a_dash_and_sig_and_differs_from_the_sbom_referrers_tag()
    {
        SignatureManifest.TagFor(Image).ShouldBe($"sha256-{Image.Hex}.sig");
        SignatureManifest.TagFor(Image).ShouldNotBe(MiniContainer.Sbom.Attach.ReferrersTagIndex.TagFor(Image));
    }

    [Theory]
    [InlineData("127.0.0.1:5000", "hello", "127.0.0.1:5000/hello")]
    [InlineData("127.0.0.1:5000", "team/hello", "127.0.0.1:5000/team/hello")]
    [InlineData("docker.io", "hello", "docker.io/library/hello")]
    [InlineData("docker.io", "team/hello", "docker.io/team/hello")]
    public void The_signed_identity_is_the_repository_without_its_tag_as_cosign_names_it(string registry, string repository, string identity)
    {
        SignatureManifest.IdentityOf(ImageReference.Create(registry, repository, "v1")).ShouldBe(identity);
    }

    [Fact]
    public void Cosigns_index_docker_io_names_the_same_repository_as_docker_io()
    {
        SignatureManifest.SameRepository("index.docker.io/library/hello", "docker.io/library/hello").ShouldBeTrue();
        SignatureManifest.SameRepository("127.0.0.1:5000/hello", "127.0.0.1:5000/other").ShouldBeFalse();
    }
}
