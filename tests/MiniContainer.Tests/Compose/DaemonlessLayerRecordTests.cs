using MiniContainer.Compose;
using MiniContainer.Images;
using MiniContainer.Oci;
using MiniContainer.Oci.Layers;
using MiniContainer.Oci.Outputs;

namespace MiniContainer.Tests.Compose;

/// <summary>
/// The daemonless compose (the push path's layout) takes its binaries' layer from the record beside them, as the engine path does,
/// so an unchanged build writes no tar of megabytes to learn a digest it knew; a binary built again (another size or time) is read.
/// </summary>
public sealed class DaemonlessLayerRecordTests : IDisposable
{
    private static readonly DateTimeOffset Created = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);
    private readonly string _folder = Directory.CreateTempSubdirectory("mc-daemonless-record-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Binary => Path.Combine(_folder, "bin", "hello");

    private string Record => Path.Combine(_folder, "bin", LayerRecordKey.BinariesRecordName);

    private async Task<OciDigest> ComposeAsync(string cache = "cache") =>
        (await DaemonlessComposeStep.RunAsync(new DaemonlessComposeRequest(new RuntimeImageSpec().OnScratch().WithBinary(Binary), ["hello:1"],
            new OciOutputs(Path.Combine(_folder, "oci")))
        {
            Created = Created,
            BlobCache = new BlobStore(Path.Combine(_folder, cache)),
        })).ManifestDigest;

    private void WriteBinary(string content, DateTime time)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Binary)!);
        File.WriteAllText(Binary, content);
        File.SetLastWriteTimeUtc(Binary, time);
    }

    [Fact]
    public async Task An_unchanged_binary_is_taken_from_its_record_and_gives_the_same_digest()
    {
        var time = new DateTime(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc);
        WriteBinary("binary one", time);
        var first = await ComposeAsync();
        File.Exists(Record).ShouldBeTrue("the first compose records the binaries' layer beside them");

        // Same size and time: the record answers, so content changed behind its back is not read (the trust Compile's record has).
        WriteBinary("binary two", time);
        var second = await ComposeAsync();

        second.ShouldBe(first);
    }

    [Fact]
    public async Task A_binary_built_again_is_read_and_its_layer_recorded_anew()
    {
        var time = new DateTime(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc);
        WriteBinary("binary one", time);
        var first = await ComposeAsync();

        WriteBinary("binary two", time.AddSeconds(1));
        var second = await ComposeAsync();
        var fromTheFiles = await ComposeAsync("another-cache");

        second.ShouldNotBe(first);
        second.ShouldBe(fromTheFiles, "the digest the files give with no record's help");
    }

    [Fact]
    public async Task A_record_whose_layer_the_store_does_not_hold_is_not_trusted_and_the_files_are_read()
    {
        var time = new DateTime(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc);
        WriteBinary("binary one", time);
        var original = await ComposeAsync();
        var recorded = File.ReadAllText(Record);
        File.WriteAllText(Record, System.Text.RegularExpressions.Regex.Replace(recorded, "sha256:[0-9a-f]{64}", OciDigest.Of("not the layer"u8).ToString()));

        var again = await ComposeAsync();

        again.ShouldBe(original);
        File.ReadAllText(Record).ShouldBe(recorded, "the record is mended");
    }
}
