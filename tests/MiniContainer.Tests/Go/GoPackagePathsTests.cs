using MiniContainer.Go;

namespace MiniContainer.Tests.Go;

public class GoPackagePathsTests
{
    [Theory]
    [InlineData("example.com/hello", "hello")]
    [InlineData("example.com/svc/v2", "svc")]
    [InlineData("example.com/svc/cmd/api", "api")]
    [InlineData("hello", "hello")]
    [InlineData("v2", "v2")]
    public void Binary_names_follow_the_go_commands_rule(string importPath, string expected) =>
        GoPackagePaths.BinaryNameOf(importPath).ShouldBe(expected);

    [Theory]
    [InlineData(".", "example.com/m")]
    [InlineData("./cmd/api", "example.com/m/cmd/api")]
    [InlineData("cmd/api/", "example.com/m/cmd/api")]
    public void Import_paths_join_the_module_and_the_folder(string relative, string expected) =>
        GoPackagePaths.ImportPathOf("example.com/m", relative).ShouldBe(expected);
}
