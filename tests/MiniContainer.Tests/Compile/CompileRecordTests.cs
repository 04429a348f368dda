using MiniContainer.Compile;
using MiniContainer.Go;

namespace MiniContainer.Tests.Compile;

public sealed class CompileRecordTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("minicontainer-record-");

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public void A_written_record_reads_back_the_same_including_names_with_spaces_and_tabs()
    {
        var record = new CompileRecord(
            "f00d",
            new Dictionary<string, CompileRecord.BinaryStamp> { ["hello"] = new(5_049_608, 638_000_000_000_000_000, "aa11") },
            new Dictionary<string, SourceTreeHasher.FileStamp>
            {
                ["main.go"] = new(812, 1, "bb22"),
                ["cmd/my tool/main.go"] = new(10, 2, "cc33"),
                ["odd\tname.go"] = new(0, 3, "dd44"),
            });

        record.Write(_folder.FullName);
        var read = CompileRecord.Read(_folder.FullName);

        read.ShouldNotBeNull();
        read.Fingerprint.ShouldBe("f00d");
        read.Binaries.ShouldBe(record.Binaries, ignoreOrder: true);
        read.Sources.ShouldBe(record.Sources, ignoreOrder: true);
    }

    [Fact]
    public void A_record_the_serializer_wrote_before_reads_the_same()
    {
        const string Earlier = """{"Fingerprint":"f00d","Binaries":{"hello":{"Size":5,"ModifiedTicks":7,"Sha256":"aa11"}},"Sources":{"main.go":{"Size":812,"ModifiedTicks":1,"Sha256":"bb22"}}}""";
        File.WriteAllText(Path.Combine(_folder.FullName, CompileRecord.FileName), Earlier);

        var read = CompileRecord.Read(_folder.FullName);

        read.ShouldNotBeNull();
        read.Fingerprint.ShouldBe("f00d");
        read.Binaries["hello"].ShouldBe(new CompileRecord.BinaryStamp(5, 7, "aa11"));
        read.Sources["main.go"].ShouldBe(new SourceTreeHasher.FileStamp(812, 1, "bb22"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("""{"Fingerprint":"f00d","Binaries":{"hello":{"Size":"big","ModifiedTicks":1,"Sha256":"aa"}},"Sources":{}}""")]
    [InlineData("""{"Fingerprint":"f00d","Binaries":{}}""")]
    public void An_unreadable_record_is_no_record_so_the_next_compile_builds(string content)
    {
        File.WriteAllText(Path.Combine(_folder.FullName, CompileRecord.FileName), content);

        CompileRecord.Read(_folder.FullName).ShouldBeNull();
    }

    [Fact]
    public void No_record_file_is_no_record()
    {
        CompileRecord.Read(_folder.FullName).ShouldBeNull();
    }
}
