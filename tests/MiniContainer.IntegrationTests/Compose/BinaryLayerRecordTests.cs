using MiniContainer.Compose;
using MiniContainer.Docker;
using MiniContainer.Images;
using MiniContainer.IntegrationTests.Fixtures;
using Xunit.Abstractions;

namespace MiniContainer.IntegrationTests.Compose;

/// <summary>
/// The binaries' layer diffID kept in their folder, keyed on each binary's size and modification time: an unchanged build finds
/// its image without copying and hashing the binaries into a tar; a binary written again (a new time) is read.
/// </summary>
[Collection(EngineCollection.Name)]
public sealed class BinaryLayerRecordTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly DateTimeOffset Created = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);
    private readonly TestLogger _logger = new(output);
    private DockerEngine _engine = null!;
    private ImageCleanup _images = null!;

    public async Task InitializeAsync()
    {
        _engine = await DockerEngine.ConnectAsync(logger: _logger);
        _images = new ImageCleanup(_engine);
    }

    public async Task DisposeAsync()
    {
        await _images.DisposeAsync();
        _engine.Dispose();
    }

    /// <summary>A copy of hello of its own, with a unique tail (an image left by an earlier run must not make the first build up to date).</summary>
    private static string OwnBinary(string name)
    {
        var binary = Path.Combine(TestBed.TempDirectory(name), "hello");
        File.Copy(ImageBinaries.Hello, binary);
        File.AppendAllText(binary, Guid.NewGuid().ToString("N"));
        return binary;
    }

    private static string Record(string binary) => Path.Combine(Path.GetDirectoryName(binary)!, ".minicontainer-app-layer.json");

    private async Task<ComposedEngineImage> ComposeAsync(string binary, string tag)
    {
        var spec = new RuntimeImageSpec().OnScratch().WithBinary(binary);
        var composed = await ComposeImageStep.RunAsync(_engine, new ComposeImageRequest(spec, tag) { Created = Created }, _logger);
        _images.Track(composed.Id);
        return composed;
    }

    /// <summary>Rewrites the binary's last 32 bytes with another tail and gives it back its time: the same size and time, other content.</summary>
    private static void ChangeKeepingSizeAndTime(string binary)
    {
        var time = File.GetLastWriteTimeUtc(binary);
        using (var file = new FileStream(binary, FileMode.Open, FileAccess.Write))
        {
            file.Seek(-32, SeekOrigin.End);
            file.Write(System.Text.Encoding.ASCII.GetBytes(Guid.NewGuid().ToString("N")));
        }
        File.SetLastWriteTimeUtc(binary, time);
    }

    [EngineFact]
    public async Task An_unchanged_binary_takes_its_layer_from_the_record_without_reading_the_binary()
    {
        var binary = OwnBinary("binary-record-used");
        var tag = _images.NewTag("hello", "binary-record");
        var first = await ComposeAsync(binary, tag);
        var recorded = LayerRecordFile.Read(Record(binary));

        // Same size and time: the record's key still matches, so the binary is not read (what a build that changed nothing sees).
        ChangeKeepingSizeAndTime(binary);
        var second = await ComposeAsync(binary, tag);

        first.UpToDate.ShouldBeFalse();
        recorded.Size.ShouldBeGreaterThan(new FileInfo(binary).Length, "the layer's tar holds the binary");
        recorded.Key.ShouldContain($"/app/hello {binary} {new FileInfo(binary).Length} ");
        second.UpToDate.ShouldBeTrue();
        second.Id.ShouldBe(first.Id);
    }

    [EngineFact]
    public async Task A_binary_written_again_is_read_and_its_new_layer_recorded()
    {
        var binary = OwnBinary("binary-record-rewritten");
        var tag = _images.NewTag("hello", "binary-rewritten");
        var first = await ComposeAsync(binary, tag);
        var before = LayerRecordFile.Read(Record(binary));

        // As Compile writes it: new content, a new time.
        ChangeKeepingSizeAndTime(binary);
        File.SetLastWriteTimeUtc(binary, File.GetLastWriteTimeUtc(binary).AddSeconds(5));
        var second = await ComposeAsync(binary, tag);
        var third = await ComposeAsync(binary, tag);

        second.UpToDate.ShouldBeFalse();
        second.Id.ShouldNotBe(first.Id);
        LayerRecordFile.Read(Record(binary)).DiffId.ShouldNotBe(before.DiffId);
        third.UpToDate.ShouldBeTrue();
        third.Id.ShouldBe(second.Id);
        var layers = (await _engine.Client.Images.InspectImageAsync(second.Id)).RootFS!.Layers!;
        layers[^1].ShouldBe(LayerRecordFile.Read(Record(binary)).DiffId, "the record names the layer the engine holds");
    }

    [EngineFact]
    public async Task A_record_naming_a_layer_the_files_do_not_make_is_corrected_when_the_image_is_loaded()
    {
        var binary = OwnBinary("binary-record-wrong");
        var first = await ComposeAsync(binary, _images.NewTag("hello", "binary-wrong"));
        var recorded = LayerRecordFile.Read(Record(binary));
        LayerRecordFile.Write(Record(binary), recorded with { DiffId = MiniContainer.Oci.OciDigest.Of("not the layer"u8).ToString() });

        var second = await ComposeAsync(binary, _images.NewTag("hello", "binary-wrong-again"));

        // The wrong diffID names no image in the engine, so the layer is written from the binary: the true image, and the record mended.
        second.UpToDate.ShouldBeFalse();
        second.Id.ShouldBe(first.Id);
        LayerRecordFile.Read(Record(binary)).DiffId.ShouldBe(recorded.DiffId);
    }
}
