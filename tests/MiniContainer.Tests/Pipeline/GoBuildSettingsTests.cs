using System.Text;
using MiniContainer.Go;
using MiniContainer.Go.Builders;
using MiniContainer.Pipeline;
using MiniContainer.Pipeline.Templates;
using MiniContainer.Verify;

namespace MiniContainer.Tests.Pipeline;

/// <summary>--build-tags, --go-ldflags, --strip-symbols, --variables (templated), --builder-env, and the templated --image-tag.</summary>
public class GoBuildSettingsTests
{
    private static readonly GoModule Hello = new("/repo", "example.com/hello", "1.21", null, false);
    private static readonly SourceVersion Checkout = new("v2.0.1-dirty", "0123456789abcdef0123456789abcdef01234567", "0123456", DateTimeOffset.FromUnixTimeSeconds(0), "release");

    private static PipelineSettings Resolve(PipelineScript? script = null, Dictionary<string, string>? arguments = null,
        Dictionary<string, string>? environment = null, SourceVersion? source = null) =>
        PipelineSettingsResolver.Resolve(script ?? new PipelineScript(), new DictionaryArgumentSource(arguments ?? []),
            name => environment?.GetValueOrDefault(name), "/repo", _ => true, _ => Hello, _ => source);

    private static string Error(Dictionary<string, string> arguments, PipelineScript? script = null) =>
        Should.Throw<PipelineArgumentException>(() => Resolve(script, arguments, source: Checkout)).Message;

    [Fact]
    public void By_default_the_build_strips_symbols_and_sets_no_tags_extra_ldflags_or_environment()
    {
        var options = Resolve().ToGoBuildOptions(_ => null);

        options.StripSymbols.ShouldBeTrue();
        options.Tags.ShouldBeEmpty();
        options.ExtraLdFlags.ShouldBeEmpty();
        options.Environment.ShouldBeEmpty();
        GoCommandLine.LdFlags(options).ShouldBe("-w -s -linkmode external -extldflags \"-static\" -buildid=");
    }

    [Fact]
    public void Tags_ldflags_and_variables_reach_the_go_command_line_the_users_ldflags_last()
    {
        var settings = Resolve(arguments: new()
        {
            ["build-tags"] = "netgo, osusergo", ["go-ldflags"] = "-X main.extra=1 -s=false", ["strip-symbols"] = "true",
            ["variables"] = "main.version={Version},main.commit={Commit}",
        }, source: Checkout);
        var options = settings.ToGoBuildOptions(_ => null);

        var argv = GoCommandLine.Build(Hello, options, [new GoMainPackage(".", "example.com/hello", "hello")], "/out", new GoCachePaths("/m", "/c")).Argv;

        argv.ShouldContain("-tags");
        argv[argv.ToList().IndexOf("-tags") + 1].ShouldBe("netgo,osusergo");
        GoCommandLine.LdFlags(options).ShouldBe("-w -s -linkmode external -extldflags \"-static\" -buildid= " +
            "-X main.commit=0123456789abcdef0123456789abcdef01234567 -X main.version=v2.0.1-dirty -X main.extra=1 -s=false");
    }

    [Fact]
    public void Without_strip_symbols_there_is_no_minus_s_and_the_verifier_knows_which_was_given()
    {
        var stripped = Resolve().ToGoBuildOptions(_ => null);
        var kept = Resolve(arguments: new() { ["strip-symbols"] = "false" }).ToGoBuildOptions(_ => null);

        GoCommandLine.LdFlags(kept).Split(' ').ShouldNotContain("-s");
        GoCommandLine.LdFlags(stripped).Split(' ').ShouldContain("-s");
        VerificationPolicy.ForGoBuild("amd64", GoCommandLine.LdFlags(stripped)).StripSymbolsRequested.ShouldBeTrue();
        VerificationPolicy.ForGoBuild("amd64", GoCommandLine.LdFlags(kept)).StripSymbolsRequested.ShouldBeFalse();
        VerificationPolicy.ForGoBuild("amd64", GoCommandLine.LdFlags(stripped with { ExtraLdFlags = ["-s=false"] })).StripSymbolsRequested.ShouldBeFalse();
    }

    [Fact]
    public void The_arguments_variables_add_to_the_scripts_and_replace_those_of_the_same_name()
    {
        var script = new PipelineScript { Variables = { ["main.version"] = "1.0.0", ["main.channel"] = "stable" } };

        var settings = Resolve(script, new() { ["variables"] = "main.version={ShortCommit},example.com/hello/build.Date={CommitDate}" }, source: Checkout);

        settings.Variables.ShouldBe(new Dictionary<string, string>
        {
            ["main.version"] = "0123456", ["main.channel"] = "stable", ["example.com/hello/build.Date"] = "1970-01-01T00:00:00Z",
        }, ignoreOrder: true);
        Resolve(script, environment: new() { ["MINICONTAINER_VARIABLES"] = "main.channel=beta" }).Variables["main.channel"].ShouldBe("beta");
    }

    [Fact]
    public void The_scripts_variables_take_placeholders_too_and_a_value_may_hold_an_equals_sign()
    {
        var script = new PipelineScript { Variables = { ["main.version"] = "{Version}+{Env:BUILD}" } };

        Resolve(script, environment: new() { ["BUILD"] = "7" }, source: Checkout).Variables["main.version"].ShouldBe("v2.0.1-dirty+7");
        Resolve(arguments: new() { ["variables"] = "main.flags=a=b" }).Variables["main.flags"].ShouldBe("a=b");
    }

    [Fact]
    public void The_image_tag_takes_placeholders_and_the_rendered_tag_is_checked()
    {
        Resolve(arguments: new() { ["image-tag"] = "{Version}" }, source: Checkout).Tag.ShouldBe("v2.0.1-dirty");
        Resolve(arguments: new() { ["image-tag"] = "{Branch}-{ShortCommit}" }, source: Checkout).Tag.ShouldBe("release-0123456");

        Error(new() { ["image-tag"] = "{Env:REF}" }).ShouldBe("--image-tag={Env:REF}: '{Env:REF}' uses {Env:REF}, but REF is not set: set it, or drop the placeholder.");
        Should.Throw<PipelineArgumentException>(() => Resolve(arguments: new() { ["image-tag"] = "{Branch}" }, source: Checkout with { Branch = "feature/x" }))
            .Message.ShouldStartWith("--image-tag={Branch}: 'feature/x' is not an image tag:");
    }

    [Fact]
    public void Labels_and_annotations_take_the_placeholders_too_and_an_unknown_one_is_named()
    {
        var settings = Resolve(new PipelineScript { ImageLabels = { ["org.example.commit"] = "{Commit}" } },
            new() { ["image-annotation"] = "org.example.version={Version}" }, source: Checkout);

        settings.ImageConfig.Labels["org.example.commit"].ShouldBe("0123456789abcdef0123456789abcdef01234567");
        settings.ImageConfig.Annotations["org.example.version"].ShouldBe("v2.0.1-dirty");
        Error(new() { ["image-label"] = "x={Revision}" }).ShouldStartWith("--image-label=x={Revision}:");
    }

    [Fact]
    public void Builder_env_pairs_go_to_the_builder_over_the_hosts_pass_through_variables()
    {
        var settings = Resolve(new PipelineScript { BuilderEnvironment = { ["GOFLAGS"] = "-mod=mod" } },
            new() { ["builder-env"] = "GOEXPERIMENT=loopvar,GOAMD64=v3" });

        var options = settings.ToGoBuildOptions(name => name is "GOAMD64" ? "v1" : name is "GOPROXY" ? "off" : null);

        options.Environment.ShouldBe(new Dictionary<string, string> { ["GOEXPERIMENT"] = "loopvar", ["GOAMD64"] = "v3", ["GOFLAGS"] = "-mod=mod", ["GOPROXY"] = "off" }, ignoreOrder: true);
        GoCommandLine.Build(Hello, options, [new GoMainPackage(".", "example.com/hello", "hello")], "/out", new GoCachePaths("/m", "/c"))
            .Environment["GOEXPERIMENT"].ShouldBe("loopvar");
    }

    [Fact]
    public void Builder_env_reaches_a_one_shot_builder_through_its_environment_file_and_a_warm_one_through_the_exec_environment()
    {
        var options = Resolve(arguments: new() { ["builder-env"] = "GOEXPERIMENT=fieldtrack" }).ToGoBuildOptions(_ => null);
        var invocation = GoCommandLine.Build(Hello, options, [new GoMainPackage(".", "example.com/hello", "hello")], "/out", new GoCachePaths("/m", "/c"));

        Encoding.UTF8.GetString(BuilderEnvironmentFile.Content(invocation)).Split('\n').ShouldContain("export GOEXPERIMENT='fieldtrack'");
        invocation.EnvironmentLines.ShouldContain("GOEXPERIMENT=fieldtrack");
    }

    [Theory]
    [InlineData("variables", "main.version", "--variables=main.version: 'main.version' is not <importpath>.<name>=<value>, e.g. main.version={Version}; give pairs comma-separated.")]
    [InlineData("variables", "=1.2", "--variables==1.2: '=1.2' is not <importpath>.<name>=<value>, e.g. main.version={Version}; give pairs comma-separated.")]
    [InlineData("variables", "version=1.2", "--variables=version=1.2: 'version=1.2' sets 'version', which is not <importpath>.<name> as -X takes it, e.g. main.version or example.com/app/build.Commit.")]
    [InlineData("variables", "main.version={Tag}", "--variables=main.version={Tag}: 'main.version={Tag}' names the placeholder {Tag}, which is not known: use {Version}, {Commit}, {ShortCommit}, {CommitDate}, {Branch}, {Env:NAME}, and {{ for a literal brace.")]
    [InlineData("builder-env", "GOEXPERIMENT", "--builder-env=GOEXPERIMENT: 'GOEXPERIMENT' is not KEY=VALUE, e.g. GOEXPERIMENT=loopvar; give pairs comma-separated.")]
    [InlineData("builder-env", "GO EXPERIMENT=x", "--builder-env=GO EXPERIMENT=x: 'GO EXPERIMENT=x' sets 'GO EXPERIMENT', which is not an environment variable's name (letters, digits and '_', not starting with a digit).")]
    [InlineData("builder-env", "CGO_ENABLED=0", "--builder-env=CGO_ENABLED=0: 'CGO_ENABLED=0' sets CGO_ENABLED, which the build sets from --cgo: use that instead.")]
    [InlineData("build-tags", "netgo,os user", "--build-tags=netgo,os user: 'os user' is not a build tag (letters, digits, '_' and '.'); give tags comma-separated, e.g. netgo,osusergo.")]
    [InlineData("strip-symbols", "maybe", "--strip-symbols=maybe: 'maybe' is not a boolean; use true or false.")]
    public void A_malformed_value_stops_with_one_line_naming_the_argument_and_what_is_allowed(string argument, string value, string message)
    {
        Error(new() { [argument] = value }).ShouldBe(message);
    }

    [Fact]
    public void A_malformed_pair_in_the_script_names_the_script_and_the_argument()
    {
        Error([], new PipelineScript { BuilderEnvironment = { ["GOOS"] = "windows" } })
            .ShouldBe("the build script's settings (--builder-env): 'GOOS=windows' sets GOOS, which the build sets from --platforms: use that instead.");
    }

    [Fact]
    public void Outside_a_checkout_a_git_placeholder_names_the_argument_and_the_placeholder()
    {
        Should.Throw<PipelineArgumentException>(() => Resolve(arguments: new() { ["variables"] = "main.version={Version}" }, source: null))
            .Message.ShouldStartWith("--variables=main.version={Version}: 'main.version={Version}' uses {Version}, which comes from git, but /repo is not in a git checkout");
    }
}
