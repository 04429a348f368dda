using MiniContainer.Compose;
using MiniContainer.Docker;
using MiniContainer.Images;
using MiniContainer.IntegrationTests.Fixtures;
using MiniContainer.Oci;
using Xunit.Abstractions;

namespace MiniContainer.IntegrationTests.Compose;

/// <summary>
/// The layers' diffIDs ComposeImage records so that an unchanged build finds its image without writing their tars: the zoneinfo
/// layer's beside a database whose source (the builder image ID) fixes it, the binaries' in their folder, keyed on each binary's
/// size and modification time. Another source, a binary written again, or a record that does not match the files, reads them.
/// </summary>
[Collection(EngineCollection.Name)]
public sealed class LayerRecordTests(ITestOutputHelper output) : IAsyncLifetime
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

    private static string ZoneInfoRecord(string zoneinfo) => zoneinfo + ".layer.json";

    private static string ZoneInfo(string name)
    {
        var folder = Path.Combine(TestBed.TempDirectory(name), "zoneinfo");
        Directory.CreateDirectory(Path.Combine(folder, "Europe"));
        File.WriteAllText(Path.Combine(folder, "Europe", "Paris"), "TZif paris");
        // Unique content: an image left by an earlier run must not make the first build up to date.
        File.WriteAllText(Path.Combine(folder, "UTC"), $"TZif utc {Guid.NewGuid()}");
        return folder;
    }

    private Task<ComposedEngineImage> ComposeAsync(string zoneinfo, string? source, string tag, string? binary = null) =>
        ComposeAsync(new RuntimeImageSpec().OnScratch().WithBinary(binary ?? ImageBinaries.Hello).WithTimeZoneDatabase(zoneinfo, source), tag);

    private async Task<ComposedEngineImage> ComposeAsync(RuntimeImageSpec spec, string tag)
    {
        var composed = await ComposeImageStep.RunAsync(_engine, new ComposeImageRequest(spec, tag) { Created = Created }, _logger);
        _images.Track(composed.Id); // a later build under the same tag leaves this one untagged
        return composed;
    }

    [EngineFact]
    public async Task An_unchanged_build_takes_the_zoneinfo_layer_from_its_record_without_reading_the_files()
    {
        var zoneinfo = ZoneInfo("zoneinfo-record-used");
        var tag = _images.NewTag("hello", "zoneinfo-record");
        var first = await ComposeAsync(zoneinfo, "sha256:builder-one", tag);
        File.Exists(ZoneInfoRecord(zoneinfo)).ShouldBeTrue("the first build records the layer's diffID beside the database");

        // The same source fixes the files, so a change under it is not read: the recorded layer names the image already there.
        File.WriteAllText(Path.Combine(zoneinfo, "UTC"), "TZif changed behind the record's back");
        var second = await ComposeAsync(zoneinfo, "sha256:builder-one", tag);

        first.UpToDate.ShouldBeFalse();
        second.UpToDate.ShouldBeTrue();
        second.Id.ShouldBe(first.Id);
    }

    [EngineFact]
    public async Task Another_builder_image_ID_reads_the_files_again_and_records_their_layer()
    {
        var zoneinfo = ZoneInfo("zoneinfo-record-source");
        var tag = _images.NewTag("hello", "zoneinfo-source");
        var first = await ComposeAsync(zoneinfo, "sha256:builder-one", tag);

        File.WriteAllText(Path.Combine(zoneinfo, "UTC"), "TZif of another builder image");
        var second = await ComposeAsync(zoneinfo, "sha256:builder-two", tag);
        var third = await ComposeAsync(zoneinfo, "sha256:builder-two", tag);

        second.UpToDate.ShouldBeFalse();
        second.Id.ShouldNotBe(first.Id);
        LayerRecordFile.Read(ZoneInfoRecord(zoneinfo)).Key.ShouldStartWith("tree sha256:builder-two ");
        third.UpToDate.ShouldBeTrue();
        third.Id.ShouldBe(second.Id);
    }

    [EngineFact]
    public async Task A_zoneinfo_record_that_does_not_match_the_files_is_corrected_when_the_image_is_loaded()
    {
        var zoneinfo = ZoneInfo("zoneinfo-record-wrong");
        var reference = await ComposeAsync(zoneinfo, null, _images.NewTag("hello", "zoneinfo-none"));
        File.Exists(ZoneInfoRecord(zoneinfo)).ShouldBeFalse("a database nothing fixes (this machine's) gets no record");

        var first = await ComposeAsync(zoneinfo, "sha256:builder-one", _images.NewTag("hello", "zoneinfo-wrong"));
        var recorded = LayerRecordFile.Read(ZoneInfoRecord(zoneinfo));
        LayerRecordFile.Write(ZoneInfoRecord(zoneinfo), recorded with { DiffId = OciDigest.Of("not the layer"u8).ToString() });
        var second = await ComposeAsync(zoneinfo, "sha256:builder-one", _images.NewTag("hello", "zoneinfo-wrong-again"));

        first.Id.ShouldBe(reference.Id);
        // The wrong diffID names no image in the engine, so the layer is written from the files: the true image, and the record mended.
        second.UpToDate.ShouldBeFalse();
        second.Id.ShouldBe(reference.Id);
        LayerRecordFile.Read(ZoneInfoRecord(zoneinfo)).DiffId.ShouldBe(recorded.DiffId);
    }

    [EngineFact]
    public async Task A_new_binary_loads_only_its_own_layer_and_the_image_keeps_the_ones_the_engine_holds()
    {
        var zoneinfo = ZoneInfo("zoneinfo-held");
        var tag = _images.NewTag("hello", "zoneinfo-held");
        var first = await ComposeAsync(zoneinfo, "sha256:builder-one", tag);
        // Had the zoneinfo layer been written for the archive, it would hold this change (and its diffID would differ).
        File.WriteAllText(Path.Combine(zoneinfo, "UTC"), "TZif changed behind the record's back");
        var second = await ComposeAsync(zoneinfo, "sha256:builder-one", tag, ImageBinaries.HttpsClient);

        second.UpToDate.ShouldBeFalse();
        var before = (await _engine.Client.Images.InspectImageAsync(first.Id)).RootFS!.Layers!;
        var after = (await _engine.Client.Images.InspectImageAsync(tag)).RootFS!.Layers!;
        after.Count.ShouldBe(3); // scratch's system files, zoneinfo, the binary
        after.Take(2).ShouldBe(before.Take(2));
        after[2].ShouldNotBe(before[2]);
        (await _engine.Client.Images.InspectImageAsync(tag)).ID.ShouldBe(second.Id);
    }

    /// <summary>A copy of hello of its own, with a unique tail (an image left by an earlier run must not make the first build up to date).</summary>
    private static string OwnBinary(string name)
    {
        var binary = Path.Combine(TestBed.TempDirectory(name), "hello");
        File.Copy(ImageBinaries.Hello, binary);
        File.AppendAllText(binary, Guid.NewGuid().ToString("N"));
        return binary;
    }

    private static string BinariesRecord(string binary) => Path.Combine(Path.GetDirectoryName(binary)!, ".minicontainer-app-layer.json");

    private Task<ComposedEngineImage> ComposeBinaryAsync(string binary, string tag) => ComposeAsync(new RuntimeImageSpec().OnScratch().WithBinary(binary), tag);

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
        var first = await ComposeBinaryAsync(binary, tag);
        var recorded = LayerRecordFile.Read(BinariesRecord(binary));

        // Same size and time: the record's key still matches, so the binary is not read (what a build that changed nothing sees).
        ChangeKeepingSizeAndTime(binary);
        var second = await ComposeBinaryAsync(binary, tag);

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
        var first = await ComposeBinaryAsync(binary, tag);
        var before = LayerRecordFile.Read(BinariesRecord(binary));

        // As Compile writes it: new content, a new time.
        ChangeKeepingSizeAndTime(binary);
        File.SetLastWriteTimeUtc(binary, File.GetLastWriteTimeUtc(binary).AddSeconds(5));
        var second = await ComposeBinaryAsync(binary, tag);
        var third = await ComposeBinaryAsync(binary, tag);

        second.UpToDate.ShouldBeFalse();
        second.Id.ShouldNotBe(first.Id);
        LayerRecordFile.Read(BinariesRecord(binary)).DiffId.ShouldNotBe(before.DiffId);
        third.UpToDate.ShouldBeTrue();
        third.Id.ShouldBe(second.Id);
        var layers = (await _engine.Client.Images.InspectImageAsync(second.Id)).RootFS!.Layers!;
        layers[^1].ShouldBe(LayerRecordFile.Read(BinariesRecord(binary)).DiffId, "the record names the layer the engine holds");
    }

    [EngineFact]
    public async Task A_binaries_record_naming_a_layer_the_files_do_not_make_is_corrected_when_the_image_is_loaded()
    {
        var binary = OwnBinary("binary-record-wrong");
        var first = await ComposeBinaryAsync(binary, _images.NewTag("hello", "binary-wrong"));
        var recorded = LayerRecordFile.Read(BinariesRecord(binary));
        LayerRecordFile.Write(BinariesRecord(binary), recorded with { DiffId = MiniContainer.Oci.OciDigest.Of("not the layer"u8).ToString() });

        var second = await ComposeBinaryAsync(binary, _images.NewTag("hello", "binary-wrong-again"));

        // The wrong diffID names no image in the engine, so the layer is written from the binary: the true image, and the record mended.
        second.UpToDate.ShouldBeFalse();
        second.Id.ShouldBe(first.Id);
        LayerRecordFile.Read(BinariesRecord(binary)).DiffId.ShouldBe(recorded.DiffId);
    }
}
