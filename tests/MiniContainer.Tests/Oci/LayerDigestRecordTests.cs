using MiniContainer.Oci;
using MiniContainer.Oci.Layers;

namespace MiniContainer.Tests.Oci;

/// <summary>A layer's recorded diffID: found only under the key it was written for, and anything else in its place is a miss.</summary>
public sealed class LayerDigestRecordTests : IDisposable
{
    private static readonly DateTimeOffset Time = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);
    private static readonly OciDigest DiffId = OciDigest.Of("a layer"u8);
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("minicontainer-layer-record-");

    public void Dispose() => _folder.Delete(recursive: true);

    private string File(string name, string content)
    {
        var path = Path.Combine(_folder.FullName, name);
        System.IO.File.WriteAllText(path, content);
        return path;
    }

    private LayerRecordKey BinariesKey(params string[] binaries) =>
        LayerRecordKey.ForFiles(Path.Combine(_folder.FullName, LayerRecordKey.BinariesRecordName), ["/app"], binaries.Select(b => ($"/app/{Path.GetFileName(b)}", b)))!;

    [Fact]
    public void A_record_is_found_under_the_key_and_time_it_was_written_for()
    {
        var key = BinariesKey(File("api", "binary"));
        LayerDigestRecord.Write(key, Time, DiffId, 10240);

        LayerDigestRecord.TryRead(key, Time).ShouldBe((DiffId, 10240L));
        LayerDigestRecord.TryRead(key, Time.AddSeconds(1)).ShouldBeNull("another layer time makes another tar");
    }

    [Fact]
    public void A_binary_with_another_size_or_time_has_another_key()
    {
        var binary = File("api", "binary");
        var before = BinariesKey(binary);
        LayerDigestRecord.Write(before, Time, DiffId, 10240);

        System.IO.File.SetLastWriteTimeUtc(binary, System.IO.File.GetLastWriteTimeUtc(binary).AddTicks(1));
        var touched = BinariesKey(binary);
        System.IO.File.WriteAllText(binary, "a longer binary");
        var rewritten = BinariesKey(binary);

        touched.Key.ShouldNotBe(before.Key);
        rewritten.Key.ShouldNotBe(touched.Key);
        LayerDigestRecord.TryRead(touched, Time).ShouldBeNull();
        LayerDigestRecord.TryRead(rewritten, Time).ShouldBeNull();
    }

    [Fact]
    public void The_key_names_every_binary_and_folder_of_the_layer()
    {
        var api = File("api", "binary");
        var worker = File("worker", "binary");

        var key = LayerRecordKey.ForFiles(Path.Combine(_folder.FullName, "record.json"), ["/app", "/srv"], [("/app/api", api), ("/app/worker", worker)])!;

        key.Key.ShouldContain("dir /app\ndir /srv");
        key.Key.ShouldContain($"file /app/api {api} 6 ");
        key.Key.ShouldContain($"file /app/worker {worker} 6 ");
        BinariesKey(api).Key.ShouldNotBe(BinariesKey(api, worker).Key);
    }

    [Fact]
    public void A_missing_binary_or_a_link_gives_no_key_so_the_files_are_read()
    {
        var target = File("real", "binary");
        var link = Path.Combine(_folder.FullName, "link");
        System.IO.File.CreateSymbolicLink(link, target);

        BinariesKey(Path.Combine(_folder.FullName, "missing")).ShouldBeNull();
        BinariesKey(link).ShouldBeNull();
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("[1, 2]")]
    [InlineData("""{"Key": 1, "DiffId": "sha256:00", "Size": 1}""")]
    [InlineData("""{"DiffId": "sha256:0000000000000000000000000000000000000000000000000000000000000000", "Size": 1}""")]
    public void A_record_that_is_not_one_we_wrote_is_a_miss(string content)
    {
        var key = BinariesKey(File("api", "binary"));
        System.IO.File.WriteAllText(key.RecordPath, content);

        LayerDigestRecord.TryRead(key, Time).ShouldBeNull();
    }

    [Fact]
    public void A_record_with_our_key_but_a_malformed_digest_or_size_is_a_miss()
    {
        var key = BinariesKey(File("api", "binary"));
        LayerDigestRecord.Write(key, Time, DiffId, 10240);
        var text = System.IO.File.ReadAllText(key.RecordPath);

        System.IO.File.WriteAllText(key.RecordPath, text.Replace(DiffId.ToString(), "sha256:short"));
        LayerDigestRecord.TryRead(key, Time).ShouldBeNull();
        System.IO.File.WriteAllText(key.RecordPath, text.Replace("10240", "-1"));
        LayerDigestRecord.TryRead(key, Time).ShouldBeNull();
    }

    [Fact]
    public void A_folder_that_cannot_take_the_record_leaves_the_build_without_one()
    {
        var key = new LayerRecordKey(Path.Combine(File("not-a-folder", "a file"), "record.json"), "files");

        Should.NotThrow(() => LayerDigestRecord.Write(key, Time, DiffId, 1));
        LayerDigestRecord.TryRead(key, Time).ShouldBeNull();
    }
}
