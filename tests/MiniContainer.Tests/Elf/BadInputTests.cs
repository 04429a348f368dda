using System.Buffers.Binary;
using MiniContainer.Elf;
using MiniContainer.Verify;

namespace MiniContainer.Tests.Elf;

public sealed class BadInputTests : IDisposable
{
    private readonly DirectoryInfo directory = Directory.CreateTempSubdirectory("minicontainer-elf-unit-");
    private readonly StaticBinaryVerifier verifier = new();

    public void Dispose() => directory.Delete(recursive: true);

    [Fact]
    public void A_missing_file_is_named_in_the_error()
    {
        var path = Path.Combine(directory.FullName, "nope");

        var error = Should.Throw<BinaryInspectionException>(() => verifier.Inspect(path));

        error.FilePath.ShouldBe(path);
        error.Message.ShouldBe($"Cannot verify '{path}': the file does not exist");
    }

    [Fact]
    public void A_directory_is_not_a_binary()
    {
        Should.Throw<BinaryInspectionException>(() => verifier.Inspect(directory.FullName)).Problem.ShouldBe("it is a directory, not a binary");
    }

    [Fact]
    public void An_empty_file_says_it_is_empty()
    {
        Should.Throw<BinaryInspectionException>(() => verifier.Inspect(Write([]))).Problem.ShouldBe("the file is empty (0 bytes)");
    }

    [Fact]
    public void A_script_is_not_elf_and_the_error_shows_its_first_bytes()
    {
        var problem = Should.Throw<BinaryInspectionException>(() => verifier.Inspect(Write("#!/bin/sh\necho hi\n"u8.ToArray()))).Problem;

        problem.ShouldStartWith("not an ELF file (it starts with 0x23212F62");
    }

    [Theory]
    [InlineData(3)]
    [InlineData(10)]
    [InlineData(40)]
    public void A_file_cut_inside_the_elf_header_is_reported_truncated(int length)
    {
        var bytes = new ElfBytes().Segment(1, new byte[64]).Build()[..length];

        var problem = Should.Throw<BinaryInspectionException>(() => verifier.Inspect(Write(bytes))).Problem;

        problem.ShouldContain(length < 4 ? "not an ELF file" : "truncated");
    }

    [Fact]
    public void An_unknown_elf_class_is_a_corrupted_header()
    {
        var bytes = new ElfBytes().Build();
        bytes[4] = 7;

        Should.Throw<BinaryInspectionException>(() => verifier.Inspect(Write(bytes))).Problem.ShouldContain("unknown class 7");
    }

    [Fact]
    public void An_absurd_program_header_count_is_caught_before_anything_is_allocated()
    {
        var bytes = new ElfBytes().Segment(1, new byte[16]).Build();
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(56), 0xffff);

        Should.Throw<BinaryInspectionException>(() => verifier.Inspect(Write(bytes))).Problem.ShouldContain("program header table (65535 entries at offset 64) lies past the end");
    }

    [Fact]
    public void A_section_header_table_offset_past_the_end_is_reported()
    {
        var bytes = new ElfBytes().Segment(1, new byte[16]).Build();
        BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(40), 1UL << 40);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(60), 3);

        Should.Throw<BinaryInspectionException>(() => verifier.Inspect(Write(bytes))).Problem.ShouldContain("section header table (3 entries at offset 1099511627776) lies past the end");
    }

    [Fact]
    public void A_segment_whose_contents_lie_past_the_end_is_reported_with_its_range()
    {
        var bytes = new ElfBytes().Segment(1, new byte[16]).Build();
        BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(64 + 32), ulong.MaxValue - 4);

        Should.Throw<BinaryInspectionException>(() => verifier.Inspect(Write(bytes))).Problem.ShouldStartWith("program header 0 (type 0x1) claims bytes");
    }

    [Fact]
    public void A_wrong_program_header_entry_size_is_a_corrupted_header()
    {
        var bytes = new ElfBytes().Segment(1, new byte[16]).Build();
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(54), 3);

        Should.Throw<BinaryInspectionException>(() => verifier.Inspect(Write(bytes))).Problem.ShouldContain("program header entry size 3, expected 56");
    }

    [Fact]
    public void A_crafted_dynamic_binary_without_sections_is_read_from_its_program_headers()
    {
        // PT_LOAD maps the string table; PT_DYNAMIC says NEEDED "libc.so.6" at strtab offset 1; PT_INTERP names the loader.
        var strtab = "\0libc.so.6\0"u8.ToArray();
        var dynamic = new byte[16 * 4];
        BinaryPrimitives.WriteUInt64LittleEndian(dynamic, 1);
        BinaryPrimitives.WriteUInt64LittleEndian(dynamic.AsSpan(8), 1);
        BinaryPrimitives.WriteUInt64LittleEndian(dynamic.AsSpan(16), 5);
        BinaryPrimitives.WriteUInt64LittleEndian(dynamic.AsSpan(24), 0x500000);
        BinaryPrimitives.WriteUInt64LittleEndian(dynamic.AsSpan(32), 10);
        BinaryPrimitives.WriteUInt64LittleEndian(dynamic.AsSpan(40), (ulong)strtab.Length);
        var bytes = new ElfBytes()
            .Segment(3, "/lib64/ld-linux-x86-64.so.2\0"u8.ToArray())
            .Segment(1, strtab, address: 0x500000)
            .Segment(2, dynamic, address: 0x600000)
            .Build();

        var report = verifier.Inspect(Write(bytes));

        report.Linking.Linkage.ShouldBe(Linkage.Dynamic);
        report.Linking.Interpreter.ShouldBe("/lib64/ld-linux-x86-64.so.2");
        report.Linking.Needed.ShouldBe(["libc.so.6"]);
        report.Libc.Flavour.ShouldBe(LibcFlavour.Glibc);
        report.Format.Machine.ShouldBe("AMD64");
        report.Format.Type.ShouldBe("EXEC");
        report.Go.IsGoBinary.ShouldBeFalse();
        report.Debug.HasSymbolTable.ShouldBeFalse();
    }

    [Fact]
    public void An_et_dyn_with_a_dynamic_segment_but_nothing_to_load_is_static_pie()
    {
        var bytes = new ElfBytes { Type = 3 }.Segment(1, new byte[8]).Segment(2, new byte[16], address: 0x600000).Build();

        var report = verifier.Inspect(Write(bytes));

        report.Format.Type.ShouldBe("DYN");
        report.Linking.Linkage.ShouldBe(Linkage.StaticPie);
        report.Linking.HasDynamicSegment.ShouldBeTrue();
    }

    private string Write(byte[] bytes)
    {
        var path = Path.Combine(directory.FullName, Guid.NewGuid().ToString("N"));
        File.WriteAllBytes(path, bytes);
        return path;
    }
}
