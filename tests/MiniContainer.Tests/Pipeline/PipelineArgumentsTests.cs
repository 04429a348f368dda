using System.Text.Json;
using MiniContainer.Pipeline;
using MiniContainer.Go;

namespace MiniContainer.Tests.Pipeline;

public class PipelineArgumentsTests
{
    [Fact]
    public void Every_argument_the_issues_name_is_spelled_so()
    {
        string[] required = ["--builder-image", "--builder-cc", "--cgo", "--goarch", "--base-image", "--image-name", "--image-tag", "--registry",
            "--registry-username", "--registry-password", "--ca-file", "--binary", "--output", "--module-dir", "--engine", "--platforms"];
        required.ShouldBeSubsetOf(PipelineArguments.All.Select(a => a.CommandLine));
    }

    // A value for each argument that differs from its default; an argument added without one fails the test below.
    private static readonly Dictionary<string, string> Samples = new()
    {
        ["module-dir"] = "/repo/service", ["output"] = "out", ["engine"] = "none", ["image-assembly"] = "load", ["output-format"] = "oci",
        ["builder-image"] = "builder:1", ["builder-cc"] = "clang", ["cgo"] = "false", ["goarch"] = "arm64", ["platforms"] = "linux/arm64",
        ["cross-cc"] = "arm64=aarch64-linux-musl-gcc", ["packages"] = "./cmd/api", ["base-image"] = "scratch", ["image-name"] = "other",
        ["image-tag"] = "1.2", ["registry"] = "127.0.0.1:5000", ["registry-username"] = "someone", ["registry-password"] = "secret",
        ["ca-bundle"] = "none", ["ca-file"] = "/repo/extra.pem", ["sbom"] = "false", ["source-url"] = "https://git.example.invalid/hello",
        ["binary"] = "/repo/tool", ["smoke-test"] = "false", ["smoke-test-hardened"] = "false", ["inactivity-timeout"] = "90s", ["insecure-registry"] = "registry.internal.example:5000",
        ["build-tags"] = "netgo", ["go-ldflags"] = "-X main.extra=1", ["strip-symbols"] = "false", ["variables"] = "main.version=1.2.3", ["builder-env"] = "GOEXPERIMENT=loopvar", ["go-netrc"] = "/repo/netrc",
        ["sign-key"] = "/repo/sign.pem", ["sign-key-password"] = "key-secret", ["verify-key"] = "/repo/sign.pub",
        ["entrypoint"] = "/app/hello,serve", ["cmd"] = "--port,8080", ["image-env"] = "GODEBUG=madvdontneed=1", ["image-label"] = "team=core",
        ["image-annotation"] = "com.example.owner=core", ["image-user"] = "1000:1000", ["workdir"] = "/srv", ["expose"] = "8080",
        ["extra-files"] = AppContext.BaseDirectory + ":/srv/data", ["tzdata"] = "false",
        ["cache-dir"] = ".cache/go", ["go-git-token"] = "git-secret", ["go-git-host"] = "git.corp.example",
        ["build-server"] = "false", ["build-server-idle-timeout"] = "90s",
    };

    // What an argument cannot go without, given as an argument in every run of its check.
    private static readonly Dictionary<string, Dictionary<string, string>> Companions = new()
    {
        ["registry-username"] = new() { ["registry-password"] = "secret" },
        ["registry-password"] = new() { ["registry-username"] = "someone" },
        ["go-git-token"] = new() { ["go-git-host"] = "git.corp.example" },
    };

    // The same for a companion the command line may not carry, given as its variable.
    private static readonly Dictionary<string, Dictionary<string, string>> CompanionVariables = new()
    {
        ["go-git-host"] = new() { ["MINICONTAINER_GO_GIT_TOKEN"] = "git-secret" },
    };

    private static readonly GoModule Hello = new("/repo", "example.com/hello", "1.21", null, false);

    private static string Resolved(Dictionary<string, string> arguments, Dictionary<string, string> environment) =>
        JsonSerializer.Serialize(PipelineSettingsResolver.Resolve(new PipelineScript(), new DictionaryArgumentSource(arguments), environment.GetValueOrDefault,
            "/repo", _ => true, _ => Hello), new JsonSerializerOptions { IncludeFields = true });

    [Fact]
    public void Each_argument_is_also_read_from_its_environment_variable_with_the_same_effect()
    {
        foreach (var argument in PipelineArguments.All)
        {
            Samples.ShouldContainKey(argument.Name, $"{argument.CommandLine} needs a sample value here");
            argument.EnvironmentVariable.ShouldBe("MINICONTAINER_" + argument.Name.ToUpperInvariant().Replace('-', '_'));
            var companions = Companions.GetValueOrDefault(argument.Name) ?? [];
            var companionVariables = CompanionVariables.GetValueOrDefault(argument.Name) ?? [];

            var fromEnvironment = Resolved(new(companions), new(companionVariables) { [argument.EnvironmentVariable] = Samples[argument.Name] });
            if (argument.RefusedOnCommandLine)
            {
                // A secret: its variable sets it, the command line may not.
                fromEnvironment.ShouldNotBe(Resolved([], []), $"{argument.EnvironmentVariable}={Samples[argument.Name]} changed nothing");
                Should.Throw<PipelineArgumentException>(() => Resolved(new(companions) { [argument.Name] = Samples[argument.Name] }, [])).Argument.ShouldBe(argument);
                continue;
            }
            var fromArgument = Resolved(new(companions) { [argument.Name] = Samples[argument.Name] }, new(companionVariables));

            // A pair (user name and password) cannot resolve half given, so there the value itself is looked for.
            if (companions.Count + companionVariables.Count == 0) fromEnvironment.ShouldNotBe(Resolved([], []), $"{argument.EnvironmentVariable}={Samples[argument.Name]} changed nothing");
            else fromEnvironment.ShouldContain(JsonSerializer.Serialize(Samples[argument.Name]));
            fromEnvironment.ShouldBe(fromArgument, $"{argument.EnvironmentVariable} and {argument.CommandLine} differ");
        }
    }

    [Fact]
    public void The_readme_documents_every_argument_in_one_table()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryRoot(), "README.md"));

        readme.ShouldContain(PipelineArguments.MarkdownTable());
    }

    internal static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            if (File.Exists(Path.Combine(directory.FullName, "MiniContainer.sln"))) return directory.FullName;
        throw new InvalidOperationException("MiniContainer.sln not found");
    }
}
