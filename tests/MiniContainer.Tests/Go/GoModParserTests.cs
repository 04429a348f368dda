using MiniContainer.Go;

namespace MiniContainer.Tests.Go;

public class GoModParserTests
{
    [Fact]
    public void Reads_module_path_go_directive_and_toolchain()
    {
        var parsed = GoModParser.Parse("""
            // a comment
            module example.com/svc/v2 // trailing comment

            go 1.21

            toolchain go1.21.3

            require (
                example.com/dep v1.0.0
                go 1.0 // a line in a block is not a directive
            )
            """);

        parsed.ShouldBe(new GoModFile("example.com/svc/v2", "1.21", "go1.21.3"));
    }

    [Fact]
    public void Accepts_a_quoted_module_path_and_no_go_directive()
    {
        var parsed = GoModParser.Parse("module \"example.com/quoted\"\n");

        parsed.ModulePath.ShouldBe("example.com/quoted");
        parsed.GoVersion.ShouldBeNull();
        parsed.Toolchain.ShouldBeNull();
    }

    [Fact]
    public void A_go_mod_without_module_line_is_an_error_that_names_the_file()
    {
        var error = Should.Throw<MiniContainerException>(() => GoModParser.Parse("go 1.19\n", "/x/go.mod"));

        error.Message.ShouldContain("/x/go.mod");
        error.Message.ShouldContain("module");
    }

    [Fact]
    public void Loading_a_folder_without_go_mod_says_where_it_looked()
    {
        var folder = Directory.CreateTempSubdirectory("mc-nogomod-").FullName;

        var error = Should.Throw<GoModuleNotFoundException>(() => GoModule.Load(folder));

        error.Message.ShouldContain(folder);
        error.Message.ShouldContain("go mod init");
    }

    [Fact]
    public void Loading_notices_a_vendor_folder_by_its_modules_txt()
    {
        var folder = Directory.CreateTempSubdirectory("mc-vendor-").FullName;
        File.WriteAllText(Path.Combine(folder, "go.mod"), "module example.com/v\ngo 1.14\n");
        Directory.CreateDirectory(Path.Combine(folder, "vendor"));

        GoModule.Load(folder).HasVendor.ShouldBeFalse();
        File.WriteAllText(Path.Combine(folder, "vendor", "modules.txt"), "");
        GoModule.Load(folder).HasVendor.ShouldBeTrue();
    }
}
