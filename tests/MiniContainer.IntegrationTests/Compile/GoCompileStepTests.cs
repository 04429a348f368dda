using System.Security.Cryptography;
using MiniContainer.Compile;
using MiniContainer.Docker;
using MiniContainer.Go;
using MiniContainer.Go.Builders;
using MiniContainer.IntegrationTests.Elf;
using MiniContainer.IntegrationTests.Fixtures;
using Xunit.Abstractions;

namespace MiniContainer.IntegrationTests.Compile;

[Collection(EngineCollection.Name)]
public class GoCompileStepTests(ITestOutputHelper output)
{
    private readonly TestLogger _logger = new(output);

    private static GoBuilder Builder(FileTransfer transfer = FileTransfer.Auto) => new() { Image = TestBed.BuilderImage, Transfer = transfer };

    private async Task<GoCompileResult> CompileAsync(DockerEngine engine, string moduleDirectory, GoBuildOptions? options = null, FileTransfer transfer = FileTransfer.Auto, string? output = null, bool skipWhenUpToDate = true)
    {
        var request = new GoCompileRequest(GoModule.Load(moduleDirectory), options ?? new GoBuildOptions(), Builder(transfer), output ?? TestBed.TempDirectory("bin"), skipWhenUpToDate);
        return await GoCompileStep.RunAsync(engine, request, _logger);
    }

    [EngineFact]
    public async Task Hello_compiles_into_a_static_binary_that_runs_on_the_host()
    {
        using var engine = await DockerEngine.ConnectAsync();
        var options = new GoBuildOptions { Variables = new Dictionary<string, string> { ["main.version"] = "1.0.0-test" } };

        var result = await CompileAsync(engine, TestBed.CopyOf(TestBed.Example("hello"), "hello"), options);

        var binary = result.Binaries.ShouldHaveSingleItem();
        binary.Name.ShouldBe("hello");
        binary.SizeBytes.ShouldBeGreaterThan(1_000_000);
        ElfInspection.ShouldBeStatic(binary.Path);
        var run = ProcessRunner.Run(binary.Path, ["--version"]);
        run.ExitCode.ShouldBe(0, run.Output);
        run.StandardOutput.ShouldStartWith("hello 1.0.0-test (go1.");
        (await LeftoverContainers.OfStepsAsync(engine, "compile")).ShouldBeEmpty();
    }

    [EngineFact]
    public async Task A_builder_image_with_a_line_break_is_refused_on_the_library_path_before_it_reaches_a_request()
    {
        using var engine = await DockerEngine.ConnectAsync();
        var request = new GoCompileRequest(GoModule.Load(TestBed.CopyOf(TestBed.Example("hello"), "crlf")), new GoBuildOptions(),
            new GoBuilder { Image = TestBed.BuilderImage + "\r\nX-Injected: 1" }, TestBed.TempDirectory("bin"), true);

        var refused = await Should.ThrowAsync<MiniContainerException>(() => GoCompileStep.RunAsync(engine, request, _logger));

        refused.Message.ShouldContain("is not a valid image reference");
        (await LeftoverContainers.OfStepsAsync(engine, "compile")).ShouldBeEmpty();
    }

    [EngineFact]
    public async Task A_second_compile_of_an_unchanged_tree_reuses_the_build_cache()
    {
        using var engine = await DockerEngine.ConnectAsync();
        var source = TestBed.CopyOf(TestBed.Example("hello"), "cache");
        // A change no earlier run has seen, so the first compile must build the main package.
        File.AppendAllText(Path.Combine(source, "main.go"), $"\nconst buildMarker = \"{Guid.NewGuid()}\"\n");
        var options = new GoBuildOptions { ExtraBuildFlags = ["-v"] };

        var first = await CompileAsync(engine, source, options, skipWhenUpToDate: false);
        var linesAfterFirst = _logger.Lines.Count;
        var second = await CompileAsync(engine, source, options, skipWhenUpToDate: false);

        output.WriteLine($"first compile {first.Duration.TotalSeconds:F2} s, second compile {second.Duration.TotalSeconds:F2} s");
        // go build -v names every package it compiles; a cached package is not named.
        _logger.Lines.Take(linesAfterFirst).ShouldContain(line => line.EndsWith("example.com/hello"));
        _logger.Lines.Skip(linesAfterFirst).ShouldNotContain(line => line.EndsWith("example.com/hello"));
        Sha256(second.Binaries[0].Path).ShouldBe(Sha256(first.Binaries[0].Path));
    }

    [EngineFact]
    public async Task A_main_package_no_longer_built_has_its_binary_and_report_removed_and_the_others_are_kept()
    {
        using var engine = await DockerEngine.ConnectAsync();
        var source = TestBed.CopyOf(TestBed.Example("multi-cmd"), "stale");
        var output = TestBed.TempDirectory("bin");
        var both = await CompileAsync(engine, source, new GoBuildOptions { Packages = ["./cmd/..."] }, output: output);
        File.WriteAllText(Path.Combine(output, "clock.verify.json"), "{}");
        File.WriteAllText(Path.Combine(output, "notes.txt"), "not ours");

        var one = await CompileAsync(engine, source, new GoBuildOptions { Packages = ["./cmd/greet"] }, output: output);

        both.Binaries.Select(b => b.Name).ShouldBe(["clock", "greet"], ignoreOrder: true);
        one.Binaries.ShouldHaveSingleItem().Name.ShouldBe("greet");
        File.Exists(Path.Combine(output, "greet")).ShouldBeTrue();
        File.Exists(Path.Combine(output, "clock")).ShouldBeFalse();
        File.Exists(Path.Combine(output, "clock.verify.json")).ShouldBeFalse();
        File.Exists(Path.Combine(output, "notes.txt")).ShouldBeTrue("only what an earlier compile wrote is removed");
        _logger.Text.ShouldContain("its main package is no longer built");
    }

    [EngineFact]
    public async Task Copy_mode_builds_the_same_bytes_as_bind_mounts()
    {
        using var engine = await DockerEngine.ConnectAsync();
        var source = TestBed.CopyOf(TestBed.Example("hello"), "copy");
        // The output folder inside the module: the copy must leave it out and still write there.
        var outputInside = Path.Combine(source, "artifacts", "bin");

        var bound = await CompileAsync(engine, source, transfer: FileTransfer.BindMount);
        var copied = await CompileAsync(engine, source, transfer: FileTransfer.Copy, output: outputInside);

        Sha256(copied.Binaries[0].Path).ShouldBe(Sha256(bound.Binaries[0].Path));
        _logger.Text.ShouldContain("copy through the engine");
        (await LeftoverContainers.OfStepsAsync(engine, "compile")).ShouldBeEmpty();
    }

    [EngineTheory]
    [InlineData(FileTransfer.Copy, true)]
    [InlineData(FileTransfer.BindMount, false)]
    public async Task A_one_shot_builder_container_gets_the_go_environment_without_it_showing_in_docker_inspect(FileTransfer transfer, bool keepWarm)
    {
        const string token = "ghp-one-shot-builder-token";
        using var engine = await DockerEngine.ConnectAsync();
        var source = TestBed.CopyOf(TestBed.Example("hello"), "one-shot-env");
        // The linker waits 5 s, so the running container can be inspected; the proxy is never asked (hello has no dependencies).
        var options = new GoBuildOptions
        {
            Environment = new Dictionary<string, string>
            {
                ["GOPROXY"] = $"https://ci-bot:{token}@proxy.example.invalid,off",
                ["GOFLAGS"] = Reliability.SlowLink.AddTo(source, seconds: 5),
            },
        };
        var request = new GoCompileRequest(GoModule.Load(source), options, Builder(transfer) with { KeepWarm = keepWarm }, TestBed.TempDirectory("bin"), SkipWhenUpToDate: false);

        var compiling = GoCompileStep.RunAsync(engine, request, _logger);
        var held = await Reliability.SlowLink.WaitForHeldBuildAsync(engine, c => c.Labels.TryGetValue(ContainerLabels.Step, out var step) && step == "compile",
            TimeSpan.FromMinutes(3), () => _logger.Text, seconds: 5);
        var inspected = await engine.Client.Containers.InspectContainerAsync(held);
        var result = await compiling;

        string.Join("\n", inspected.Config?.Env ?? []).ShouldNotContain(token);
        string.Join(" ", inspected.Config?.Cmd ?? []).ShouldNotContain(token);
        ProcessRunner.Run(result.Binaries[0].Path, ["--version"]).StandardOutput.ShouldStartWith("hello ");
        _logger.Text.ShouldNotContain(token);
        (await LeftoverContainers.OfStepsAsync(engine, "compile")).ShouldBeEmpty();
    }

    [EngineFact]
    public async Task Several_main_packages_build_each_to_its_own_binary()
    {
        using var engine = await DockerEngine.ConnectAsync();
        var source = TestBed.TempDirectory("multi");
        File.WriteAllText(Path.Combine(source, "go.mod"), "module example.com/tools\n\ngo 1.19\n");
        foreach (var name in new[] { "api", "worker" })
        {
            Directory.CreateDirectory(Path.Combine(source, "cmd", name));
            File.WriteAllText(Path.Combine(source, "cmd", name, "main.go"), $"package main\n\nimport \"fmt\"\n\nfunc main() {{ fmt.Println(\"{name}\") }}\n");
        }

        var result = await CompileAsync(engine, source, new GoBuildOptions { Packages = ["./cmd/..."], Cgo = false });

        result.Binaries.Select(b => b.Name).ShouldBe(["api", "worker"]);
        foreach (var binary in result.Binaries)
            ProcessRunner.Run(binary.Path, []).StandardOutput.Trim().ShouldBe(binary.Name);
    }

    [EngineFact]
    public async Task Cgo_code_that_includes_linux_kernel_headers_compiles_statically()
    {
        using var engine = await DockerEngine.ConnectAsync();
        var source = TestBed.TempDirectory("kheaders");
        File.WriteAllText(Path.Combine(source, "go.mod"), "module example.com/kheaders\n\ngo 1.19\n");
        File.WriteAllText(Path.Combine(source, "main.go"), """
            package main

            /*
            #include <linux/version.h>
            #include <linux/if.h>
            static int ifnamsiz(void) { return IFNAMSIZ; }
            static int kernel(void) { return LINUX_VERSION_CODE > 0; }
            */
            import "C"
            import "fmt"

            func main() { fmt.Println(C.ifnamsiz(), C.kernel()) }
            """);

        var result = await CompileAsync(engine, source);

        ElfInspection.ShouldBeStatic(result.Binaries[0].Path);
        ProcessRunner.Run(result.Binaries[0].Path, []).StandardOutput.Trim().ShouldBe("16 1");
    }

    [EngineFact]
    public async Task An_unchanged_tree_is_not_rebuilt_and_any_change_to_sources_options_or_output_is()
    {
        using var engine = await DockerEngine.ConnectAsync();
        var source = TestBed.CopyOf(TestBed.Example("hello"), "uptodate");
        var output = TestBed.TempDirectory("bin");
        var options = new GoBuildOptions { Cgo = false };

        var built = await CompileAsync(engine, source, options, output: output);
        var unchanged = await CompileAsync(engine, source, options, output: output);
        File.SetLastWriteTimeUtc(Path.Combine(source, "main.go"), DateTime.UtcNow.AddMinutes(1)); // touched, same content
        var touched = await CompileAsync(engine, source, options, output: output);
        File.AppendAllText(Path.Combine(source, "main.go"), "\nconst edited = 1\n");
        var edited = await CompileAsync(engine, source, options, output: output);
        var otherOptions = await CompileAsync(engine, source, options with { Variables = new Dictionary<string, string> { ["main.version"] = "2" } }, output: output);
        File.Delete(Path.Combine(output, "hello"));
        var afterDelete = await CompileAsync(engine, source, options with { Variables = new Dictionary<string, string> { ["main.version"] = "2" } }, output: output);

        built.UpToDate.ShouldBeFalse();
        unchanged.UpToDate.ShouldBeTrue();
        unchanged.Binaries.ShouldBe(built.Binaries);
        touched.UpToDate.ShouldBeTrue();
        edited.UpToDate.ShouldBeFalse();
        otherOptions.UpToDate.ShouldBeFalse();
        afterDelete.UpToDate.ShouldBeFalse();
        ProcessRunner.Run(afterDelete.Binaries[0].Path, ["--version"]).StandardOutput.ShouldStartWith("hello 2 ");
    }

    private static string Sha256(string path) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)));
}
