using System.Formats.Tar;
using MiniContainer.Compose;
using MiniContainer.Images;
using MiniContainer.IntegrationTests.Fixtures;
using MiniContainer.Oci;
using MiniContainer.Oci.Bases;
using MiniContainer.Oci.Outputs;
using MiniContainer.Registry;
using Xunit.Abstractions;

namespace MiniContainer.IntegrationTests.Oci;

public sealed class BadInputTests(AnonymousRegistryFixture registry, ITestOutputHelper output) : IClassFixture<AnonymousRegistryFixture>, IDisposable
{
    private readonly TestLogger _logger = new(output);
    private readonly string _folder = TestBed.TempDirectory("oci-bad");

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private DaemonlessComposeRequest On(BaseImageSource source, string name = "out") =>
        new(new RuntimeImageSpec().WithBinary(ImageBinaries.Hello), ["bad:input"], new OciOutputs(Path.Combine(_folder, name)))
        {
            Base = source,
            Created = DateTimeOffset.UnixEpoch,
            BlobCache = new BlobStore(Path.Combine(_folder, "cache-" + name)),
        };

    [Fact]
    public async Task A_folder_without_index_json_is_not_a_layout_and_the_error_says_what_is_missing()
    {
        var folder = Directory.CreateDirectory(Path.Combine(_folder, "half-layout")).FullName;
        await File.WriteAllTextAsync(Path.Combine(folder, "oci-layout"), """{"imageLayoutVersion":"1.0.0"}""");

        var error = await Should.ThrowAsync<InvalidImageSourceException>(() => DaemonlessComposeStep.RunAsync(On(new BaseImageSource.OciLayout(folder)), _logger));

        error.Message.ShouldContain("it has no index.json");
    }

    [Fact]
    public async Task A_tar_without_manifest_json_is_not_a_docker_archive()
    {
        var archive = Path.Combine(_folder, "not-an-image.tar");
        await using (var file = File.Create(archive))
        await using (var tar = new TarWriter(file))
            await tar.WriteEntryAsync(new PaxTarEntry(TarEntryType.RegularFile, "readme.txt") { DataStream = new MemoryStream("hi"u8.ToArray()) });

        var error = await Should.ThrowAsync<InvalidImageSourceException>(() => DaemonlessComposeStep.RunAsync(On(new BaseImageSource.DockerArchive(archive)), _logger));

        error.Message.ShouldContain("it has no manifest.json");
    }

    [Fact]
    public async Task A_layout_image_that_is_not_there_by_name_lists_the_names_it_has()
    {
        var layout = await ScratchLayoutAsync("named", "hello:one");

        var error = await Should.ThrowAsync<InvalidImageSourceException>(() => DaemonlessComposeStep.RunAsync(On(new BaseImageSource.OciLayout(layout, "two")), _logger));

        error.Message.ShouldContain("it has no image named 'two'; it has: one");
    }

    [Fact]
    public async Task A_base_layer_whose_bytes_changed_is_refused_naming_both_digests()
    {
        var layout = await ScratchLayoutAsync("corrupt", "hello:c");
        var layer = Directory.EnumerateFiles(Path.Combine(layout, "blobs", "sha256")).OrderByDescending(f => new FileInfo(f).Length).First();
        var bytes = await File.ReadAllBytesAsync(layer);
        bytes[^100] ^= 0xff;
        await File.WriteAllBytesAsync(layer, bytes);

        var error = await Should.ThrowAsync<DigestMismatchException>(() => DaemonlessComposeStep.RunAsync(On(new BaseImageSource.OciLayout(layout, "c")), _logger));

        error.Expected.ToString().ShouldBe("sha256:" + Path.GetFileName(layer));
        error.Message.ShouldContain(error.Expected.ToString());
        error.Message.ShouldContain(error.Actual.ToString());
        error.Expected.ShouldNotBe(error.Actual);
    }

    [Fact]
    public async Task A_base_for_another_platform_names_the_platform_it_has()
    {
        var layout = await ScratchLayoutAsync("arm", "hello:arm", OciPlatform.Parse("linux/arm64/v8"));

        var error = await Should.ThrowAsync<PlatformNotFoundException>(() => DaemonlessComposeStep.RunAsync(On(new BaseImageSource.OciLayout(layout, "arm")) with
        {
            Platform = OciPlatform.Parse("linux/amd64"),
        }, _logger));

        error.Message.ShouldContain("has no image for linux/amd64; it has: linux/arm64/v8");
    }

    [Fact]
    public async Task A_registry_base_that_does_not_exist_is_a_404_with_the_url()
    {
        var error = await Should.ThrowAsync<RegistryRequestException>(() =>
            DaemonlessComposeStep.RunAsync(On(BaseImageSource.Parse($"{registry.Address}/nope/nothing:1")), _logger));

        error.Failure.ShouldBe(RegistryFailure.NotFound);
        error.Message.ShouldContain($"404 NotFound to HEAD http://{registry.Address}/v2/nope/nothing/manifests/1");
    }

    private async Task<string> ScratchLayoutAsync(string name, string tag, OciPlatform? platform = null)
    {
        var image = await DaemonlessComposeStep.RunAsync(new DaemonlessComposeRequest(new RuntimeImageSpec().OnScratch().WithBinary(ImageBinaries.Hello), [tag],
            new OciOutputs(Path.Combine(_folder, name + "-base")))
        {
            Created = DateTimeOffset.UnixEpoch,
            Platform = platform,
            BlobCache = new BlobStore(Path.Combine(_folder, name + "-base-cache")),
        }, _logger);
        return image.LayoutDirectory!;
    }
}
