using System.Text;
using MiniContainer.Oci;

namespace MiniContainer.Tests.Oci;

/// <summary>A one-image OCI layout written by hand (oci-layout, index.json, manifest, config, one layer), for tests that then spoil one part of it.</summary>
internal sealed class TestLayout
{
    public TestLayout(string folder)
    {
        Folder = folder;
        Directory.CreateDirectory(Path.Combine(folder, "blobs", "sha256"));
        File.WriteAllText(Path.Combine(folder, "oci-layout"), """{"imageLayoutVersion":"1.0.0"}""");
        Layer = Blob(OciMediaTypes.GzipLayer, Encoding.UTF8.GetBytes("not really a gzipped tar"));
        Config = Blob(OciMediaTypes.ImageConfig, Encoding.UTF8.GetBytes(
            $$$"""{"architecture":"amd64","os":"linux","rootfs":{"type":"layers","diff_ids":["{{{OciDigest.Of(Encoding.UTF8.GetBytes("tar"))}}}"]}}"""));
        Manifest = Blob(OciMediaTypes.ImageManifest, Encoding.UTF8.GetBytes(
            $$$"""{"schemaVersion":2,"mediaType":"{{{OciMediaTypes.ImageManifest}}}","config":{{{Json(Config)}}},"layers":[{{{Json(Layer)}}}]}"""));
        WriteIndex(Manifest);
    }

    public string Folder { get; }

    public OciDescriptor Layer { get; }

    public OciDescriptor Config { get; }

    public OciDescriptor Manifest { get; }

    public string PathOf(OciDescriptor blob) => Path.Combine(Folder, "blobs", "sha256", blob.Digest.Hex);

    public void WriteIndex(OciDescriptor manifest) => File.WriteAllText(Path.Combine(Folder, "index.json"),
        $$$"""{"schemaVersion":2,"manifests":[{"mediaType":"{{{manifest.MediaType}}}","digest":"{{{manifest.Digest}}}","size":{{{manifest.Size}}},"annotations":{"org.opencontainers.image.ref.name":"t"}}]}""");

    /// <summary>Replaces a blob with a link to <paramref name="target"/>.</summary>
    public void Link(OciDescriptor blob, string target)
    {
        File.Delete(PathOf(blob));
        File.CreateSymbolicLink(PathOf(blob), target);
    }

    private OciDescriptor Blob(string mediaType, byte[] content)
    {
        var descriptor = new OciDescriptor(mediaType, OciDigest.Of(content), content.Length);
        File.WriteAllBytes(PathOf(descriptor), content);
        return descriptor;
    }

    private static string Json(OciDescriptor d) => $$$"""{"mediaType":"{{{d.MediaType}}}","digest":"{{{d.Digest}}}","size":{{{d.Size}}}}""";
}
