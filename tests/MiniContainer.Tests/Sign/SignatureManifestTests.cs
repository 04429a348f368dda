using System.Text;
using System.Text.Json;
using MiniContainer.Oci;
using MiniContainer.Sign;

namespace MiniContainer.Tests.Sign;

public class SignatureManifestTests
{
    [Fact]
    public void A_signature_is_a_simple_signing_layer_whose_annotation_holds_the_base64_signature()
    {
        var payload = SimpleSigningPayload.Write("127.0.0.1:5000/hello", OciDigest.Of("x"u8));
        byte[] signature = [0x30, 0x45, 0x02, 0x21, 0xff];

        var layer = SignatureManifest.Layer(payload, signature);

        layer.MediaType.ShouldBe("application/vnd.dev.cosign.simplesigning.v1+json");
        layer.Digest.ShouldBe(OciDigest.Of(payload));
        layer.Size.ShouldBe(payload.Length);
        layer.Annotations.ShouldBe(new Dictionary<string, string> { ["dev.cosignproject.cosign/signature"] = Convert.ToBase64String(signature) });
    }

    [Fact]
    public void The_manifest_is_an_oci_image_manifest_with_cosigns_config_over_its_layers()
    {
        var layer = SignatureManifest.Layer("p"u8.ToArray(), [1, 2, 3]);

        var (manifest, bytes, config) = SignatureManifest.Write([layer]);

        using var json = JsonDocument.Parse(bytes);
        json.RootElement.GetProperty("mediaType").GetString().ShouldBe("application/vnd.oci.image.manifest.v1+json");
        json.RootElement.GetProperty("config").GetProperty("digest").GetString().ShouldBe(OciDigest.Of(config).ToString());
        json.RootElement.GetProperty("layers")[0].GetProperty("annotations").GetProperty("dev.cosignproject.cosign/signature").GetString().ShouldBe("AQID");
        manifest.Layers.ShouldBe([layer]);
        Encoding.UTF8.GetString(config).ShouldBe(
            "{\"architecture\":\"\",\"created\":\"0001-01-01T00:00:00Z\",\"history\":[{\"created\":\"0001-01-01T00:00:00Z\"}],\"os\":\"\"," +
            $"\"rootfs\":{{\"type\":\"layers\",\"diff_ids\":[\"{layer.Digest}\"]}},\"config\":{{}}}}");
    }
}
