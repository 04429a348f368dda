using MiniContainer.Go;

namespace MiniContainer.Tests.Go;

public class GoCommandLineTests
{
    private static readonly GoModule Module = new("/w/hello", "example.com/hello", "1.19", null, HasVendor: false);
    private static readonly GoMainPackage Hello = new(".", "example.com/hello", "hello");
    private static readonly GoCachePaths Caches = new("/c/mod", "/c/build");

    [Fact]
    public void The_default_build_is_the_recipes_static_musl_build_plus_trimpath_and_an_empty_build_id()
    {
        var invocation = GoCommandLine.Build(Module, new GoBuildOptions { GoArch = "amd64" }, [Hello], "/out", Caches);

        invocation.Argv.ShouldBe(["go", "build", "-trimpath", "-ldflags", "-w -linkmode external -extldflags \"-static\" -buildid=", "-o", "/out/hello", "."]);
        invocation.Environment["CGO_ENABLED"].ShouldBe("1");
        invocation.Environment["GOOS"].ShouldBe("linux");
        invocation.Environment["GOARCH"].ShouldBe("amd64");
        invocation.Environment["GOMODCACHE"].ShouldBe("/c/mod");
        invocation.Environment["GOCACHE"].ShouldBe("/c/build");
        invocation.Environment.ShouldNotContainKey("CC");
    }

    [Fact]
    public void Safe_directory_for_a_source_another_user_owns_is_added_after_the_users_own_git_config_entries()
    {
        var options = new GoBuildOptions
        {
            Environment = new Dictionary<string, string>
            {
                ["GIT_CONFIG_COUNT"] = "1", ["GIT_CONFIG_KEY_0"] = "url.https://git.corp.example/.insteadOf", ["GIT_CONFIG_VALUE_0"] = "ssh://git@git.corp.example/",
            },
        };

        var invocation = GoCommandLine.Build(Module, options, [Hello], "/out", Caches, sourceOwnedByAnotherUser: "/src");

        invocation.Environment["GIT_CONFIG_COUNT"].ShouldBe("2");
        invocation.Environment["GIT_CONFIG_KEY_0"].ShouldBe("url.https://git.corp.example/.insteadOf");
        invocation.Environment["GIT_CONFIG_VALUE_0"].ShouldBe("ssh://git@git.corp.example/");
        invocation.Environment["GIT_CONFIG_KEY_1"].ShouldBe("safe.directory");
        invocation.Environment["GIT_CONFIG_VALUE_1"].ShouldBe("/src");
    }

    [Fact]
    public void A_git_config_count_that_is_not_a_number_is_one_error_naming_it()
    {
        var options = new GoBuildOptions { Environment = new Dictionary<string, string> { ["GIT_CONFIG_COUNT"] = "two" } };

        Should.Throw<MiniContainerException>(() => GoCommandLine.Build(Module, options, [Hello], "/out", Caches, sourceOwnedByAnotherUser: "/src"))
            .Message.ShouldBe("GIT_CONFIG_COUNT is 'two', not a number of git config entries: fix it in --builder-env or this machine's environment.");
    }

    [Fact]
    public void Cgo_off_needs_no_external_linker_and_no_C_compiler()
    {
        var options = new GoBuildOptions { Cgo = false, CCompiler = "musl-gcc", GoArch = "arm64" };

        var invocation = GoCommandLine.Build(Module, options, [Hello], "/out", Caches);

        invocation.Argv.ShouldContain("-w -buildid=");
        invocation.Environment["CGO_ENABLED"].ShouldBe("0");
        invocation.Environment["GOARCH"].ShouldBe("arm64");
        invocation.Environment.ShouldNotContainKey("CC");
    }

    [Fact]
    public void Tags_variables_extra_flags_and_build_mode_are_rendered_in_a_fixed_order()
    {
        var options = new GoBuildOptions
        {
            CCompiler = "x86_64-linux-musl-gcc",
            Tags = ["netgo", "osusergo"],
            Variables = new Dictionary<string, string> { ["main.version"] = "1.2.3", ["main.banner"] = "hello world" },
            ExtraLdFlags = ["-s"],
            ExternalLinkerFlags = ["-static-pie"],
            BuildMode = "pie",
            ExtraBuildFlags = ["-v"],
        };

        var invocation = GoCommandLine.Build(Module, options, [Hello], "/out", Caches);

        invocation.Argv.ShouldBe([
            "go", "build", "-trimpath", "-buildmode=pie", "-tags", "netgo,osusergo",
            "-ldflags", "-w -linkmode external -extldflags \"-static-pie\" -buildid= -X 'main.banner=hello world' -X main.version=1.2.3 -s",
            "-v", "-o", "/out/hello", "."]);
        invocation.Environment["CC"].ShouldBe("x86_64-linux-musl-gcc");
    }

    [Fact]
    public void A_vendored_module_builds_with_mod_vendor()
    {
        var vendored = Module with { HasVendor = true };

        GoCommandLine.Build(vendored, new GoBuildOptions(), [Hello], "/out", Caches).Argv[2].ShouldBe("-mod=vendor");
    }

    [Fact]
    public void Several_packages_build_into_the_output_folder_in_one_command()
    {
        GoMainPackage[] packages = [new("./cmd/api", "m/cmd/api", "api"), new("./cmd/worker", "m/cmd/worker", "worker")];

        var argv = GoCommandLine.Build(Module, new GoBuildOptions(), packages, "/out/", Caches).Argv;

        argv.TakeLast(4).ShouldBe(["-o", "/out/", "./cmd/api", "./cmd/worker"]);
    }

    [Fact]
    public void A_variable_with_both_quote_kinds_is_refused()
    {
        var options = new GoBuildOptions { Variables = new Dictionary<string, string> { ["main.x"] = "it's \"odd\"" } };

        Should.Throw<MiniContainerException>(() => GoCommandLine.LdFlags(options)).Message.ShouldContain("main.x");
    }

    [Fact]
    public void Download_passes_module_settings_through()
    {
        var options = new GoBuildOptions { Environment = new Dictionary<string, string> { ["GOPROXY"] = "file:///p", ["GOPRIVATE"] = "corp.example" } };

        var invocation = GoCommandLine.Download(options, Caches);

        invocation.Argv.ShouldBe(["go", "mod", "download", "-x"]);
        invocation.Environment["GOPROXY"].ShouldBe("file:///p");
        invocation.Environment["GOPRIVATE"].ShouldBe("corp.example");
        invocation.Environment["GOMODCACHE"].ShouldBe("/c/mod");
    }

    [Fact]
    public void The_printed_command_quotes_what_a_shell_would_split()
    {
        var invocation = GoCommandLine.Build(Module, new GoBuildOptions(), [Hello], "/out", Caches);

        invocation.ToString().ShouldBe("go build -trimpath -ldflags '-w -linkmode external -extldflags \"-static\" -buildid=' -o /out/hello .");
    }

    [Fact]
    public void Git_is_given_no_safe_directory_except_the_one_mounted_source_folder_it_is_told()
    {
        var restore = GoCommandLine.Download(new GoBuildOptions(), Caches);
        var onTheHost = GoCommandLine.Build(Module, new GoBuildOptions(), [Hello], "/out", Caches);
        var inTheBuilder = GoCommandLine.Build(Module, new GoBuildOptions(), [Hello], "/out", Caches, sourceOwnedByAnotherUser: "/src");

        restore.Environment.Keys.ShouldNotContain(k => k.StartsWith("GIT_CONFIG", StringComparison.Ordinal));
        onTheHost.Environment.Keys.ShouldNotContain(k => k.StartsWith("GIT_CONFIG", StringComparison.Ordinal));
        inTheBuilder.Environment["GIT_CONFIG_COUNT"].ShouldBe("1");
        inTheBuilder.Environment["GIT_CONFIG_KEY_0"].ShouldBe("safe.directory");
        inTheBuilder.Environment["GIT_CONFIG_VALUE_0"].ShouldBe("/src");
    }
}
