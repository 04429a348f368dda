using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using MiniContainer.Oci;
using MiniContainer.Oci.Layers;

namespace MiniContainer.Tests.Oci;

public sealed class LayerWriterTests
{
    private static readonly DateTimeOffset Time = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);

    private static LayerContent Content => new LayerContent()
        .WithFile("/app/zeta", "z"u8.ToArray(), LayerContent.ExecutableMode)
        .WithFile("/etc/ssl/certs/ca.crt", "ca"u8.ToArray(), LayerContent.FileMode)
        .WithDirectory("/app");

    private static (byte[] Bytes, LayerBlob Blob) Write(LayerContent content)
    {
        using var stream = new MemoryStream();
        var blob = LayerWriter.Write(content, Time, stream);
        return (stream.ToArray(), blob);
    }

    [Fact]
    public void The_digest_is_the_sha256_of_the_gzip_and_the_diff_id_that_of_the_tar_inside()
    {
        var (bytes, blob) = Write(Content);

        blob.Digest.ShouldBe(OciDigest.Of(bytes));
        blob.Size.ShouldBe(bytes.Length);
        using var gunzip = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
        using var tar = new MemoryStream();
        gunzip.CopyTo(tar);
        blob.DiffId.ShouldBe(OciDigest.FromHash(SHA256.HashData(tar.ToArray())));
    }

    [Fact]
    public void The_gzip_header_names_no_time_or_os()
    {
        var (first, _) = Write(Content);

        first[4..8].ShouldBe(new byte[4]);
        first[9].ShouldBe((byte)0xff);
    }

    [Fact]
    public void Entries_come_parents_first_in_path_order_with_root_owner_the_given_modes_and_the_one_time()
    {
        var (bytes, _) = Write(Content);

        using var reader = new TarReader(new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress));
        var entries = new List<TarEntry>();
        while (reader.GetNextEntry(copyData: true) is { } entry) entries.Add(entry);

        entries.Select(e => e.Name).ShouldBe(["app/", "app/zeta", "etc/", "etc/ssl/", "etc/ssl/certs/", "etc/ssl/certs/ca.crt"]);
        entries.ShouldAllBe(e => e.Uid == 0 && e.Gid == 0 && e.ModificationTime == Time);
        entries.ShouldAllBe(e => e.Format == TarEntryFormat.Gnu, "no pax headers, whose names hold the process id");
        entries.Single(e => e.Name == "app/zeta").Mode.ShouldBe(LayerContent.ExecutableMode);
        entries.Single(e => e.Name == "etc/ssl/certs/ca.crt").Mode.ShouldBe(LayerContent.FileMode);
        entries.Single(e => e.Name == "etc/ssl/").Mode.ShouldBe(LayerContent.DirectoryMode);
    }

    [Fact]
    public void Another_time_or_mode_changes_the_digest()
    {
        var (_, blob) = Write(Content);
        using var stream = new MemoryStream();

        LayerWriter.Write(Content, Time.AddSeconds(1), stream).Digest.ShouldNotBe(blob.Digest);
        Write(Content.WithFile("app/zeta", "z"u8.ToArray(), LayerContent.FileMode)).Blob.DiffId.ShouldNotBe(blob.DiffId);
    }

    [Theory]
    [InlineData("")]
    [InlineData("/")]
    [InlineData("app/../etc")]
    public void A_path_outside_the_image_is_refused(string path) =>
        Should.Throw<ArgumentException>(() => new LayerContent().WithDirectory(path));
}
