using MiniContainer.Go;
using MiniContainer.Pipeline;

namespace MiniContainer.Tests.Pipeline;

/// <summary>--go-netrc: the .netrc of private modules, named or ~/.netrc when GOPRIVATE is set.</summary>
public class GoNetrcSettingsTests
{
    private static readonly GoModule Hello = new("/repo", "example.com/hello", "1.21", null, false);

    private static PipelineSettings Resolve(Dictionary<string, string>? arguments = null, Dictionary<string, string>? environment = null,
        PipelineScript? script = null, params string[] existingFiles) =>
        PipelineSettingsResolver.Resolve(script ?? new PipelineScript(), new DictionaryArgumentSource(arguments ?? []),
            name => environment?.GetValueOrDefault(name), "/repo", existingFiles.Contains, _ => Hello);

    [Fact]
    public void A_named_netrc_is_resolved_against_the_module_folder_and_reaches_the_go_build_options()
    {
        var settings = Resolve(new() { ["go-netrc"] = "secrets/netrc" }, existingFiles: "/repo/secrets/netrc");

        settings.GoNetrc.ShouldBe("/repo/secrets/netrc");
        settings.ToGoBuildOptions(_ => null).NetrcFile.ShouldBe("/repo/secrets/netrc");
    }

    [Fact]
    public void A_netrc_that_names_no_file_is_one_error_naming_the_argument_and_the_path()
    {
        var error = Should.Throw<PipelineArgumentException>(() => Resolve(new() { ["go-netrc"] = "missing-netrc" }));

        error.Argument.ShouldBe(PipelineArguments.GoNetrc);
        error.Message.ShouldContain("--go-netrc=missing-netrc");
        error.Message.ShouldContain("/repo/missing-netrc does not exist");
    }

    [Fact]
    public void The_environment_variable_and_the_script_name_the_netrc_too()
    {
        Resolve(environment: new() { ["MINICONTAINER_GO_NETRC"] = "/ci/netrc" }, existingFiles: "/ci/netrc").GoNetrc.ShouldBe("/ci/netrc");
        Resolve(script: new PipelineScript { GoNetrc = "/ci/script-netrc" }, existingFiles: "/ci/script-netrc").GoNetrc.ShouldBe("/ci/script-netrc");
    }

    [Fact]
    public void Home_netrc_is_the_default_only_when_GOPRIVATE_is_set_and_the_file_exists()
    {
        Resolve(environment: new() { ["HOME"] = "/home/dev" }, existingFiles: "/home/dev/.netrc").GoNetrc.ShouldBeNull();
        Resolve(environment: new() { ["HOME"] = "/home/dev", ["GOPRIVATE"] = "git.corp.example/*" }).GoNetrc.ShouldBeNull();
        Resolve(environment: new() { ["HOME"] = "/home/dev", ["GOPRIVATE"] = "git.corp.example/*" }, existingFiles: "/home/dev/.netrc")
            .GoNetrc.ShouldBe("/home/dev/.netrc");
    }

    [Fact]
    public void GOPRIVATE_from_builder_env_also_makes_home_netrc_the_default()
    {
        Resolve(new() { ["builder-env"] = "GOPRIVATE=git.corp.example/*" }, new() { ["HOME"] = "/home/dev" }, existingFiles: "/home/dev/.netrc")
            .GoNetrc.ShouldBe("/home/dev/.netrc");
    }

    [Fact]
    public void The_netrc_reaches_both_go_commands_but_never_their_environment()
    {
        var options = new GoBuildOptions { NetrcFile = "/home/dev/.netrc" };
        var caches = new GoCachePaths("/gomodcache", "/gocache");

        var download = GoCommandLine.Download(options, caches);
        var build = GoCommandLine.Build(Hello, options, [new GoMainPackage(".", Hello.ModulePath, "hello")], "/out", caches);

        download.NetrcFile.ShouldBe("/home/dev/.netrc");
        build.NetrcFile.ShouldBe("/home/dev/.netrc");
        download.Environment.Keys.ShouldNotContain("NETRC");
        build.Environment.Keys.ShouldNotContain("NETRC");
    }
}
