using System.Formats.Tar;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using MiniContainer.IntegrationTests.Fixtures;
using MiniContainer.Oci;
using MiniContainer.Oci.Bases;
using MiniContainer.Oci.Json;

namespace MiniContainer.IntegrationTests.Oci;

/// <summary>
/// Our OCI JSON readers and writers held to what skopeo itself writes: a docker-archive made here is
/// converted by `skopeo copy` into an OCI layout, whose index, manifest and config we read and write back.
/// </summary>
public sealed class SkopeoWrittenLayoutTests : IDisposable
{
    private readonly string _folder = TestBed.TempDirectory("skopeo-written");
    private readonly string _layout;
    private readonly byte[] _config;

    public SkopeoWrittenLayoutTests()
    {
        var layer = Tar(("app/hello.txt", "hello\n"u8.ToArray()));
        _config = Encoding.UTF8.GetBytes($$$"""{"architecture":"{{{HostMachine.GoArch}}}","os":"linux","config":{"Cmd":["/app/hello"]},"rootfs":{"type":"layers","diff_ids":["{{{OciDigest.Of(layer)}}}"]}}""");
        var manifest = """[{"Config":"config.json","RepoTags":["hello:1"],"Layers":["layer.tar"]}]"""u8.ToArray();
        var archive = Path.Combine(_folder, "hello.docker.tar");
        File.WriteAllBytes(archive, Tar(("manifest.json", manifest), ("config.json", _config), ("layer.tar", layer)));
        _layout = Path.Combine(_folder, "layout");
        var copy = ProcessRunner.Run("skopeo", ["copy", $"docker-archive:{archive}", $"oci:{_layout}:1"]);
        copy.ExitCode.ShouldBe(0, copy.Output);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private byte[] Blob(OciDigest digest) => File.ReadAllBytes(Path.Combine(_layout, "blobs", "sha256", digest.Hex));

    [Fact]
    public void Skopeos_index_reads_as_its_one_named_manifest_and_ours_writes_the_same_document_plus_the_index_media_type()
    {
        var written = File.ReadAllBytes(Path.Combine(_layout, "index.json"));

        var entry = ImageIndexJson.Read(written).ShouldHaveSingleItem();

        entry.MediaType.ShouldBe(OciMediaTypes.ImageManifest);
        entry.Annotations[ImageIndexJson.RefName].ShouldBe("1");
        entry.Size.ShouldBe(Blob(entry.Digest).Length);
        OciDigest.Of(Blob(entry.Digest)).ShouldBe(entry.Digest);
        var ours = JsonNode.Parse(ImageIndexJson.Write([entry]))!.AsObject();
        ours["mediaType"]!.GetValue<string>().ShouldBe(OciMediaTypes.ImageIndex, "image-spec 1.1 asks for it; skopeo 1.9 leaves it out");
        ours.Remove("mediaType");
        JsonNode.DeepEquals(ours, JsonNode.Parse(written)).ShouldBeTrue($"ours: {ours.ToJsonString()}\nskopeo's: {Encoding.UTF8.GetString(written)}");
    }

    [Fact]
    public void Skopeos_manifest_reads_as_its_config_and_layer_and_ours_writes_it_back_byte_for_byte()
    {
        var digest = ImageIndexJson.Read(File.ReadAllBytes(Path.Combine(_layout, "index.json"))).Single().Digest;
        var written = Blob(digest);

        var manifest = ImageManifestJson.Read(written);

        manifest.MediaType.ShouldBe(OciMediaTypes.ImageManifest);
        manifest.Config.MediaType.ShouldBe(OciMediaTypes.ImageConfig);
        manifest.Config.Digest.ShouldBe(OciDigest.Of(Blob(manifest.Config.Digest)));
        var layer = manifest.Layers.ShouldHaveSingleItem();
        layer.Size.ShouldBe(Blob(layer.Digest).Length);
        Encoding.UTF8.GetString(ImageManifestJson.Write(manifest)).ShouldBe(Encoding.UTF8.GetString(written));
    }

    [Fact]
    public void Skopeos_config_reads_as_the_platform_and_diff_ids_of_the_archive()
    {
        var manifest = ImageManifestJson.Read(Blob(ImageIndexJson.Read(File.ReadAllBytes(Path.Combine(_layout, "index.json"))).Single().Digest));

        var config = ImageConfig.Read(Blob(manifest.Config.Digest));

        config.Platform.ShouldBe(new OciPlatform("linux", HostMachine.GoArch));
        config.DiffIds.ShouldBe([ImageConfig.Read(_config).DiffIds.Single()]);
    }

    [Fact]
    public void The_layout_reference_we_print_is_one_skopeo_reads()
    {
        var source = BaseImageSource.Parse($"oci:{_layout}:1");

        var inspect = ProcessRunner.Run("skopeo", ["inspect", "--raw", source.ToString()]);

        inspect.ExitCode.ShouldBe(0, inspect.Output);
        ImageManifestJson.Read(Encoding.UTF8.GetBytes(inspect.StandardOutput)).Layers.Count.ShouldBe(1);
    }

    private static byte[] Tar(params (string Name, byte[] Content)[] files)
    {
        using var stream = new MemoryStream();
        using (var writer = new TarWriter(stream, TarEntryFormat.Gnu, leaveOpen: true))
            foreach (var (name, content) in files)
                writer.WriteEntry(new GnuTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(content), ModificationTime = DateTimeOffset.UnixEpoch });
        return stream.ToArray();
    }
}
