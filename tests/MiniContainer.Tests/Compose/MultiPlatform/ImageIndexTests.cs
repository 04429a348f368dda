using System.Text.Json;
using MiniContainer.Compose.MultiPlatform;
using MiniContainer.Oci;
using MiniContainer.Oci.Json;

namespace MiniContainer.Tests.Compose.MultiPlatform;

public sealed class ImageIndexTests
{
    private static readonly OciDescriptor Amd64 = new(OciMediaTypes.ImageManifest, OciDigest.Of("amd64"u8), 500) { Platform = new OciPlatform("linux", "amd64") };
    private static readonly OciDescriptor Arm64 = new(OciMediaTypes.ImageManifest, OciDigest.Of("arm64"u8), 501) { Platform = new OciPlatform("linux", "arm64", "v8") };

    [Fact]
    public void The_index_lists_each_platform_manifest_with_its_platform_in_order()
    {
        var index = JsonDocument.Parse(ImageIndexLayoutWriter.IndexOf([Amd64, Arm64])).RootElement;

        index.GetProperty("mediaType").GetString().ShouldBe(OciMediaTypes.ImageIndex);
        var manifests = index.GetProperty("manifests").EnumerateArray().ToList();
        manifests.Select(m => m.GetProperty("digest").GetString()).ShouldBe([Amd64.Digest.ToString(), Arm64.Digest.ToString()]);
        manifests[1].GetProperty("platform").GetProperty("architecture").GetString().ShouldBe("arm64");
        manifests[1].GetProperty("platform").GetProperty("variant").GetString().ShouldBe("v8");
        manifests[1].GetProperty("size").GetInt64().ShouldBe(501);
    }

    [Fact]
    public void The_same_manifests_give_the_same_index_bytes()
    {
        ImageIndexLayoutWriter.IndexOf([Amd64, Arm64]).ShouldBe(ImageIndexLayoutWriter.IndexOf([Amd64 with { }, Arm64 with { }]));
    }

    [Fact]
    public void A_manifest_without_a_platform_is_refused()
    {
        Should.Throw<ArgumentException>(() => ImageIndexLayoutWriter.IndexOf([Amd64 with { Platform = null }]));
    }

    [Fact]
    public async Task Writing_the_index_into_a_layout_keeps_the_platform_entries_and_names_the_index_by_the_tag()
    {
        var layout = Directory.CreateTempSubdirectory("mc-index-").FullName;
        try
        {
            var platformEntry = new OciDescriptor(OciMediaTypes.ImageManifest, Amd64.Digest, 500) { Annotations = OciDescriptor.NoAnnotations.Add("org.opencontainers.image.ref.name", "1.0-linux-amd64") };
            await File.WriteAllBytesAsync(Path.Combine(layout, "index.json"), ImageIndexJson.Write([platformEntry]));

            var written = await ImageIndexLayoutWriter.WriteAsync(layout, [Amd64, Arm64], "1.0", CancellationToken.None);
            await ImageIndexLayoutWriter.WriteAsync(layout, [Amd64, Arm64], "1.0", CancellationToken.None);

            var entries = ImageIndexJson.Read(await File.ReadAllBytesAsync(Path.Combine(layout, "index.json")));
            entries.Select(e => e.Annotations["org.opencontainers.image.ref.name"]).ShouldBe(["1.0-linux-amd64", "1.0"]);
            entries[1].MediaType.ShouldBe(OciMediaTypes.ImageIndex);
            entries[1].Digest.ShouldBe(written.Digest);
            OciDigest.Of(await File.ReadAllBytesAsync(Path.Combine(layout, "blobs", "sha256", written.Digest.Hex))).ShouldBe(written.Digest);
        }
        finally
        {
            Directory.Delete(layout, recursive: true);
        }
    }
}
