using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using MiniContainer.Images;
using MiniContainer.Oci.Layers;

namespace MiniContainer.Tests.Oci;

/// <summary>The layers an image spec adds beyond its binaries: scratch's system files, the zoneinfo database, the extra files.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class RuntimeImageLayersTests : IDisposable
{
    private static readonly DateTimeOffset Time = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("minicontainer-layers-");

    public void Dispose() => _folder.Delete(recursive: true);

    private string Binary()
    {
        var binary = Path.Combine(_folder.FullName, "hello");
        File.WriteAllText(binary, "binary");
        return binary;
    }

    private static List<(TarEntry Entry, string? Text)> Entries(LayerContent content)
    {
        using var stream = new MemoryStream();
        LayerWriter.Write(content, Time, stream);
        stream.Position = 0;
        using var reader = new TarReader(new GZipStream(stream, CompressionMode.Decompress));
        var entries = new List<(TarEntry, string?)>();
        while (reader.GetNextEntry(copyData: true) is { } entry)
            entries.Add((entry, entry.DataStream is null ? null : new StreamReader(entry.DataStream).ReadToEnd()));
        return entries;
    }

    private static string Digest(LayerContent content)
    {
        using var stream = new MemoryStream();
        return LayerWriter.Write(content, Time, stream).Digest.ToString();
    }

    [Fact]
    public void A_scratch_image_gets_passwd_and_group_naming_nonroot_and_a_sticky_world_writable_tmp()
    {
        var layers = RuntimeImageLayers.For(new RuntimeImageSpec().OnScratch().WithBinary(Binary()));

        layers.Count.ShouldBe(2);
        var entries = Entries(layers[0]);
        entries.Select(e => e.Entry.Name).ShouldBe(["etc/", "etc/group", "etc/passwd", "tmp/"]);
        entries.Single(e => e.Entry.Name == "etc/passwd").Text.ShouldBe("root:x:0:0:root:/root:/sbin/nologin\nnonroot:x:65532:65532:nonroot:/nonexistent:/sbin/nologin\n");
        entries.Single(e => e.Entry.Name == "etc/group").Text.ShouldBe("root:x:0:\nnonroot:x:65532:\n");
        entries.Single(e => e.Entry.Name == "tmp/").Entry.Mode.ShouldBe((UnixFileMode)Convert.ToInt32("1777", 8));
        entries.ShouldAllBe(e => e.Entry.Uid == 0 && e.Entry.Gid == 0);
    }

    [Fact]
    public void Another_uid_is_named_app_with_its_own_group_and_root_needs_no_line()
    {
        ScratchSystemFiles.For("1000:2000").Entries.Single(e => e.Path == "etc/passwd").Content.ShouldBe(
            Encoding.ASCII.GetBytes("root:x:0:0:root:/root:/sbin/nologin\napp:x:1000:2000:app:/nonexistent:/sbin/nologin\n"));
        ScratchSystemFiles.For("1000:2000").Entries.Single(e => e.Path == "etc/group").Content.ShouldBe(Encoding.ASCII.GetBytes("root:x:0:\napp:x:2000:\n"));
        ScratchSystemFiles.For("0").Entries.Single(e => e.Path == "etc/passwd").Content.ShouldBe(Encoding.ASCII.GetBytes("root:x:0:0:root:/root:/sbin/nologin\n"));
    }

    [Fact]
    public void A_base_image_keeps_its_own_system_files()
    {
        RuntimeImageLayers.For(new RuntimeImageSpec().WithBinary(Binary())).Count.ShouldBe(1);
    }

    [Fact]
    public void The_zoneinfo_database_goes_to_usr_share_zoneinfo_with_its_links_kept_as_links()
    {
        var zoneinfo = Directory.CreateDirectory(Path.Combine(_folder.FullName, "zoneinfo"));
        Directory.CreateDirectory(Path.Combine(zoneinfo.FullName, "Europe"));
        File.WriteAllText(Path.Combine(zoneinfo.FullName, "Europe", "Paris"), "TZif");
        File.CreateSymbolicLink(Path.Combine(zoneinfo.FullName, "Europe", "Monaco"), "Paris");

        var layers = RuntimeImageLayers.For(new RuntimeImageSpec().WithBinary(Binary()).WithTimeZoneDatabase(zoneinfo.FullName));

        var entries = Entries(layers[0]);
        entries.Select(e => e.Entry.Name).ShouldBe(["usr/", "usr/share/", "usr/share/zoneinfo/", "usr/share/zoneinfo/Europe/", "usr/share/zoneinfo/Europe/Monaco", "usr/share/zoneinfo/Europe/Paris"]);
        var link = entries.Single(e => e.Entry.Name.EndsWith("Monaco", StringComparison.Ordinal)).Entry;
        link.EntryType.ShouldBe(TarEntryType.SymbolicLink);
        link.LinkName.ShouldBe("Paris");
        entries.Single(e => e.Entry.Name.EndsWith("Paris", StringComparison.Ordinal)).Text.ShouldBe("TZif");
    }

    [Fact]
    public void Extra_files_keep_only_the_executable_bit_and_give_the_same_layer_whatever_their_times_and_other_modes()
    {
        var extra = Directory.CreateDirectory(Path.Combine(_folder.FullName, "kodata"));
        var page = Path.Combine(extra.FullName, "index.html");
        var script = Path.Combine(extra.FullName, "bin", "run.sh");
        File.WriteAllText(page, "<p>hi</p>");
        Directory.CreateDirectory(Path.GetDirectoryName(script)!);
        File.WriteAllText(script, "#!/bin/sh\n");
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var spec = new RuntimeImageSpec().WithBinary(Binary()).WithExtraFiles(extra.FullName, "/srv/static");
        var first = Digest(RuntimeImageLayers.For(spec)[0]);

        File.SetLastWriteTimeUtc(page, DateTime.UtcNow.AddDays(-3));
        File.SetUnixFileMode(page, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite);
        var layer = RuntimeImageLayers.For(spec)[0];

        Digest(layer).ShouldBe(first);
        var entries = Entries(layer);
        entries.Single(e => e.Entry.Name == "srv/static/index.html").Entry.Mode.ShouldBe((UnixFileMode)Convert.ToInt32("644", 8));
        entries.Single(e => e.Entry.Name == "srv/static/bin/run.sh").Entry.Mode.ShouldBe((UnixFileMode)Convert.ToInt32("755", 8));
        entries.ShouldAllBe(e => e.Entry.Uid == 0 && e.Entry.Gid == 0 && e.Entry.ModificationTime == Time);
        layer.CreatedBy.ShouldBe("COPY extra-files/ /srv/static/");
    }

    [Fact]
    public void A_working_directory_other_than_app_exists_in_the_image()
    {
        var app = RuntimeImageLayers.For(new RuntimeImageSpec().WithBinary(Binary()).WithWorkingDirectory("/srv/data"))[^1];
        Entries(app).Select(e => e.Entry.Name).ShouldContain("srv/data/");
    }
}
