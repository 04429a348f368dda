using System.Text;
using MiniContainer.Elf;

namespace MiniContainer.Tests.Elf;

public sealed class GoBuildInfoBlobParserTests
{
    private static readonly byte[] Magic = [0xff, .. " Go buildinf:"u8];

    private const string ModInfo = "path\texample.com/hello\nmod\texample.com/hello\t(devel)\t\ndep\tgolang.org/x/text\tv0.3.7\th1:abc=\n=>\t../text\t(devel)\t\n\nbuild\t-compiler=gc\nbuild\t-ldflags=\"-w -extldflags \\\"-static\\\"\"\nbuild\tCGO_ENABLED=1\nbuild\tvcs.modified=false\n";

    [Fact]
    public void Inline_build_info_gives_version_modules_and_unquoted_settings()
    {
        var result = GoBuildInfoBlobParser.Parse(InlineBlob("go1.19.8", Framed(ModInfo), leadingBytes: 32), readMemory: null);

        var info = result.Info.ShouldNotBeNull();
        info.GoVersion.ShouldBe("go1.19.8");
        info.Path.ShouldBe("example.com/hello");
        info.Main.ShouldBe(new GoModuleVersion("example.com/hello", "(devel)", null));
        info.Dependencies.ShouldHaveSingleItem().ShouldBe(new GoModuleVersion("golang.org/x/text", "v0.3.7", "h1:abc=", new GoModuleVersion("../text", "(devel)", null)));
        info.Setting("-ldflags").ShouldBe("-w -extldflags \"-static\"");
        info.Setting("CGO_ENABLED").ShouldBe("1");
        info.Setting("vcs.modified").ShouldBe("false");
        info.Setting("GOARCH").ShouldBeNull();
    }

    [Fact]
    public void Modinfo_without_its_sentinel_frame_is_ignored_but_the_version_is_kept()
    {
        var result = GoBuildInfoBlobParser.Parse(InlineBlob("go1.20", "path\tx\n"), null);

        result.Info.ShouldNotBeNull().GoVersion.ShouldBe("go1.20");
        result.Info.Path.ShouldBeNull();
        result.Info.Settings.ShouldBeEmpty();
    }

    [Fact]
    public void A_blob_without_the_magic_is_not_a_go_binary()
    {
        var result = GoBuildInfoBlobParser.Parse(new byte[256], null);

        result.Info.ShouldBeNull();
        result.HeaderFound.ShouldBeFalse();
    }

    [Fact]
    public void The_magic_is_only_accepted_at_16_byte_alignment()
    {
        var blob = InlineBlob("go1.19", Framed(ModInfo), leadingBytes: 5);

        GoBuildInfoBlobParser.Parse(blob, null).HeaderFound.ShouldBeFalse();
    }

    [Theory]
    [InlineData(20)]
    [InlineData(33)]
    [InlineData(40)]
    public void A_truncated_blob_is_reported_as_broken_build_info(int length)
    {
        var blob = InlineBlob("go1.19.8", Framed(ModInfo))[..length];

        var result = GoBuildInfoBlobParser.Parse(blob, null);

        result.Info.ShouldBeNull();
        result.HeaderFound.ShouldBeTrue();
        result.Problem.ShouldNotBeNullOrEmpty();
    }

    [Fact]
    public void An_unknown_modinfo_line_is_reported_with_its_line_number()
    {
        var result = GoBuildInfoBlobParser.Parse(InlineBlob("go1.19", Framed("path\tx\nbogus line\n")), null);

        result.Problem.ShouldBe("unexpected line 2 in the Go module info: \"bogus line\"");
    }

    [Fact]
    public void Old_pointer_based_build_info_is_read_through_the_memory_image()
    {
        // Go < 1.18: two pointers to string headers {data, len} in the program's memory.
        var memory = new Dictionary<ulong, byte[]>();
        var version = "go1.16.15"u8.ToArray();
        var mod = Encoding.UTF8.GetBytes(Framed("path\texample.com/old\nmod\texample.com/old\t(devel)\t\n"));
        memory[0x1000] = [.. BitConverter.GetBytes(0x2000UL), .. BitConverter.GetBytes((ulong)version.Length)];
        memory[0x1010] = [.. BitConverter.GetBytes(0x3000UL), .. BitConverter.GetBytes((ulong)mod.Length)];
        memory[0x2000] = version;
        memory[0x3000] = mod;
        var blob = new byte[32];
        Magic.CopyTo(blob, 0);
        blob[14] = 8;
        blob[15] = 0;
        BitConverter.GetBytes(0x1000UL).CopyTo(blob, 16);
        BitConverter.GetBytes(0x1010UL).CopyTo(blob, 24);

        var result = GoBuildInfoBlobParser.Parse(blob, (address, length) => memory.TryGetValue(address, out var bytes) ? bytes[..Math.Min(length, bytes.Length)] : null);

        var info = result.Info.ShouldNotBeNull();
        info.GoVersion.ShouldBe("go1.16.15");
        info.Path.ShouldBe("example.com/old");
    }

    [Theory]
    [InlineData(new byte[] { 0x05 }, 5UL, 1)]
    [InlineData(new byte[] { 0xac, 0x02 }, 300UL, 2)]
    public void Uvarints_decode_like_go(byte[] bytes, ulong expected, int used)
    {
        GoBuildInfoBlobParser.TryReadUvarint(bytes, out var value, out var count).ShouldBeTrue();
        value.ShouldBe(expected);
        count.ShouldBe(used);
    }

    private static string Framed(string modInfo) => new string('0', 16) + modInfo + new string('1', 16);

    private static byte[] InlineBlob(string version, string modInfo, int leadingBytes = 0)
    {
        var bytes = new List<byte>(new byte[leadingBytes]);
        bytes.AddRange(Magic);
        bytes.Add(8);
        bytes.Add(2);
        bytes.AddRange(new byte[16]);
        AddString(bytes, version);
        AddString(bytes, modInfo);
        return [.. bytes];
    }

    private static void AddString(List<byte> bytes, string text)
    {
        var data = Encoding.UTF8.GetBytes(text);
        for (var n = (ulong)data.Length; ; n >>= 7)
        {
            if (n < 0x80)
            {
                bytes.Add((byte)n);
                break;
            }

            bytes.Add((byte)(n | 0x80));
        }

        bytes.AddRange(data);
    }
}
