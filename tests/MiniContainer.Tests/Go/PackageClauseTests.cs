using MiniContainer.Go;

namespace MiniContainer.Tests.Go;

/// <summary>The package clause is the first token after comments, as Go reads it.</summary>
public sealed class PackageClauseTests
{
    [Theory]
    [InlineData("package main\nfunc main() {}\n", "main")]
    [InlineData("// Copyright\n//go:build linux\n\npackage main\n", "main")]
    [InlineData("/* block\npackage lib */\npackage main\n", "main")]
    [InlineData("package main_test\n", "main_test")]
    [InlineData("\uFEFFpackage api\n", "api")]
    [InlineData("package\tmain\r\n", "main")]
    [InlineData("package /* why not */ main\n", "main")]
    [InlineData("package _x9\n", "_x9")]
    public void The_name_after_the_package_keyword_is_found(string source, string name) =>
        GoMainPackageFinder.PackageClauseOf(source).ShouldBe(name);

    [Theory]
    [InlineData("")]
    [InlineData("// only a comment\n")]
    [InlineData("/* never closed\npackage main\n")]
    [InlineData("packagemain\n")]
    [InlineData("package 9lives\n")]
    [InlineData("func main() {}\npackage main\n")]
    [InlineData("package")]
    public void Without_a_package_clause_first_there_is_no_name(string source) =>
        GoMainPackageFinder.PackageClauseOf(source).ShouldBeNull();
}
