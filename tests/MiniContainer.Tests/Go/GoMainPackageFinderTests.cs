using MiniContainer.Go;

namespace MiniContainer.Tests.Go;

public class GoMainPackageFinderTests
{
    private readonly string _root = Directory.CreateTempSubdirectory("mc-finder-").FullName;

    private GoModule Module()
    {
        File.WriteAllText(Path.Combine(_root, "go.mod"), "module example.com/multi/v3\n\ngo 1.19\n");
        return GoModule.Load(_root);
    }

    private void Source(string relativeFile, string text)
    {
        var path = Path.Combine(_root, relativeFile);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    [Fact]
    public void The_module_root_builds_to_the_module_name_without_its_version_suffix()
    {
        Source("main.go", "// Copyright\n//go:build linux\n\npackage main\nfunc main() {}\n");

        var packages = GoMainPackageFinder.Find(Module(), ["."]);

        packages.ShouldBe([new GoMainPackage(".", "example.com/multi/v3", "multi")]);
    }

    [Fact]
    public void An_ellipsis_pattern_finds_every_main_package_and_skips_libraries_testdata_and_vendor()
    {
        Source("cmd/api/main.go", "package main\n");
        Source("cmd/worker/main.go", "/* block\npackage lib */\npackage main\n");
        Source("cmd/internal/lib/lib.go", "package lib\n");
        Source("cmd/testdata/fake/main.go", "package main\n");
        Source("cmd/vendor/x/main.go", "package main\n");
        Source("cmd/api/main_test.go", "package main_test\n");

        var packages = GoMainPackageFinder.Find(Module(), ["./cmd/..."]);

        packages.Select(p => (p.RelativePath, p.BinaryName)).ShouldBe([("./cmd/api", "api"), ("./cmd/worker", "worker")]);
        packages[0].ImportPath.ShouldBe("example.com/multi/v3/cmd/api");
    }

    [Fact]
    public void A_library_package_is_refused_with_its_package_name()
    {
        Source("pkg/util/util.go", "package util\n");

        var error = Should.Throw<MiniContainerException>(() => GoMainPackageFinder.Find(Module(), ["./pkg/util"]));

        error.Message.ShouldContain("./pkg/util");
        error.Message.ShouldContain("package util");
        error.Message.ShouldContain("not a main package");
    }

    [Fact]
    public void A_missing_folder_and_a_pattern_without_mains_are_refused()
    {
        Source("pkg/util/util.go", "package util\n");
        var module = Module();

        Should.Throw<MiniContainerException>(() => GoMainPackageFinder.Find(module, ["./nope"])).Message.ShouldContain("does not exist");
        Should.Throw<MiniContainerException>(() => GoMainPackageFinder.Find(module, ["./pkg/..."])).Message.ShouldContain("matches no main package");
    }

    [Fact]
    public void Two_mains_with_the_same_binary_name_are_refused()
    {
        Source("a/tool/main.go", "package main\n");
        Source("b/tool/main.go", "package main\n");

        var error = Should.Throw<MiniContainerException>(() => GoMainPackageFinder.Find(Module(), ["./..."]));

        error.Message.ShouldContain("'tool'");
    }
}
