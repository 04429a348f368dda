using MiniContainer.BuildServer;
using MiniContainer.Docker;
using MiniContainer.IntegrationTests.Cake;
using MiniContainer.IntegrationTests.Fixtures;
using MiniContainer.IntegrationTests.Reliability;

namespace MiniContainer.IntegrationTests.BuildServer;

/// <summary>
/// The build server as a user meets it: hello's ./build.sh through the real Cake.Tool and the packed addin. The first build
/// starts a server and runs its steps in it, as the next ones do, with the image a build without a server makes;
/// Ctrl-C or a killed build cancels the step in the server (its containers removed), and a server killed during a step leaves
/// the build to finish it itself.
/// </summary>
[Collection(EngineCollection.Name)]
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class BuildServerRecipeTests : IAsyncLifetime
{
    private static readonly TimeSpan ReachTheLinker = TimeSpan.FromMinutes(3);
    private readonly ConsumerRepository _repository = ConsumerRepository.CopyOf("hello");
    private readonly string _runtime = Path.Combine(Path.GetTempPath(), $"mc-run-{Guid.NewGuid():N}"[..20]);
    private readonly string _image = $"mc-server-hello-{ImageCleanup.RunId}";
    private DockerEngine _engine = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_runtime, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        _engine = await DockerEngine.ConnectAsync();
    }

    public async Task DisposeAsync()
    {
        foreach (var pid in ServerPids()) ServerProcess.Kill(pid, "KILL");
        foreach (var id in await LeftoverContainers.WarmBuildersOfAsync(_engine, _repository.Directory))
            await _engine.Client.Containers.RemoveContainerAsync(id, new global::Docker.DotNet.Models.ContainerRemoveParameters { Force = true });
        ProcessRunner.Run("docker", ["image", "rm", "-f", $"{_image}:latest"]);
        _engine.Dispose();
        _repository.Dispose();
        Directory.Delete(_runtime, recursive: true);
    }

    private string Servers => Path.Combine(_runtime, "minicontainer", "servers");

    /// <summary>This test's own folder for the sockets (XDG_RUNTIME_DIR), a build server asked for although CI is set.</summary>
    private Dictionary<string, string> WithServer(Dictionary<string, string>? more = null)
    {
        var environment = new Dictionary<string, string> { ["XDG_RUNTIME_DIR"] = _runtime, ["MINICONTAINER_BUILD_SERVER"] = "true" };
        foreach (var (name, value) in more ?? []) environment[name] = value;
        return environment;
    }

    private string[] Arguments(string target) => [target, "--verbosity=verbose", $"--image-name={_image}", .. ConsumerRepository.TestImages];

    private IReadOnlyList<int> ServerPids() =>
        Directory.Exists(Servers)
            ? Directory.GetFiles(Servers, "*.pid").Select(BuildServerDirectory.ReadPid).OfType<int>().Where(ServerProcess.IsAlive).ToList()
            : [];

    private async Task<int> TheServerAsync(string diagnostics)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (ServerPids() is [var pid]) return pid;
            await Task.Delay(100);
        }
        var logs = Directory.Exists(Servers) ? string.Join("\n", Directory.GetFiles(Servers, "*.log").Select(File.ReadAllText)) : "(no server folder)";
        throw new TimeoutException($"no one build server runs in {Servers}:\n{logs}\n{diagnostics}");
    }

    private string ImageId() => ProcessRunner.Run("docker", ["image", "inspect", "--format", "{{.Id}}", $"{_image}:latest"]).StandardOutput.Trim();

    private string HelloVersion() => ProcessRunner.Run(Path.Combine(_repository.Artifacts, "bin", "hello"), ["--version"]).StandardOutput;

    [EngineFact]
    public async Task After_the_first_build_the_steps_run_in_the_server_it_started_and_make_the_image_a_build_without_one_makes()
    {
        var first = _repository.BuildSh(WithServer(), Arguments("ComposeImage"));
        first.ExitCode.ShouldBe(0, first.Output);
        first.Output.ShouldContain("Started a build server at", customMessage: first.Output);
        var pid = await TheServerAsync(first.Output);
        first.Output.ShouldContain($"The steps run in the build server (pid {pid}", customMessage: "the build that starts a server uses it");

        var second = _repository.BuildSh(WithServer(), Arguments("ComposeImage"));
        second.ExitCode.ShouldBe(0, second.Output);
        second.Output.ShouldContain($"The steps run in the build server (pid {pid}", customMessage: second.Output);
        foreach (var line in new[] { "MiniContainer summary", "Binaries:", "static", "Images:", $"{_image}:latest", "Steps:", "GoCompile", "ComposeImage" })
            second.Output.ShouldContain(line, customMessage: "the summary is the build's, with what the server's steps added");
        second.Output.ShouldContain("Compile: up to date", Case.Insensitive, second.Output);

        File.WriteAllText(Path.Combine(_repository.Directory, "main.go"),
            File.ReadAllText(Path.Combine(_repository.Directory, "main.go")).Replace("\"hello %s (%s,", "\"hello from the server %s (%s,"));
        var edited = _repository.BuildSh(WithServer(), Arguments("ComposeImage"));
        edited.ExitCode.ShouldBe(0, edited.Output);
        edited.Output.ShouldContain($"The steps run in the build server (pid {pid}", customMessage: "the same server, reused");
        HelloVersion().ShouldStartWith("hello from the server 1.0.0");
        var fromServer = ImageId();
        ServerPids().ShouldBe([pid], "one server, still running after the builds ended (and they ended: their output was read to its end)");

        Directory.Delete(_repository.Artifacts, recursive: true);
        ProcessRunner.Run("docker", ["image", "rm", "-f", $"{_image}:latest"]).ExitCode.ShouldBe(0);
        var without = _repository.BuildSh(WithServer(new() { ["MINICONTAINER_BUILD_SERVER"] = "false" }), Arguments("ComposeImage"));
        without.ExitCode.ShouldBe(0, without.Output);
        without.Output.ShouldNotContain("build server");
        ImageId().ShouldBe(fromServer, "the same image, whether its steps ran in the server or in the build");
    }

    [EngineFact]
    public async Task A_settings_mistake_in_a_step_the_server_runs_reads_as_it_does_without_one()
    {
        _repository.BuildSh(WithServer(), Arguments("GoRestore")).ExitCode.ShouldBe(0);
        await TheServerAsync("");

        var wrong = _repository.BuildSh(WithServer(), [.. Arguments("GoRestore"), "--goarch=amd65"]);
        var here = _repository.BuildSh(null, [.. Arguments("GoRestore"), "--goarch=amd65"]);

        wrong.ExitCode.ShouldNotBe(0);
        wrong.Output.ShouldContain("The steps run in the build server");
        var message = here.Output.Split('\n').Single(line => line.Contains("is not a GOARCH", StringComparison.Ordinal));
        wrong.Output.ShouldContain(message.Trim(), customMessage: "one line, the same words and where it failed");
        wrong.Output.ShouldNotContain("   at ", customMessage: "no stack trace");
    }

    [EngineTheory]
    [InlineData("INT")]
    [InlineData("KILL")]
    public async Task Interrupting_or_killing_a_build_cancels_its_step_in_the_server_removes_its_container_and_the_next_build_uses_the_server(string signal)
    {
        var slow = WithServer(new() { ["GOFLAGS"] = SlowLink.AddTo(_repository.Directory) });
        _repository.BuildSh(slow, Arguments("GoRestore")).ExitCode.ShouldBe(0);
        var pid = await TheServerAsync("");

        using (var cake = CakeProcess.Start(_repository, slow, Arguments("GoCompile")))
        {
            var held = await SlowLink.WaitForHeldBuildAsync(_engine, MountsOurSource, ReachTheLinker, () => cake.Output);
            cake.Output.ShouldContain($"The steps run in the build server (pid {pid}");

            cake.Signal(signal);
            var (exitCode, took) = cake.WaitForExit(TimeSpan.FromSeconds(60));

            exitCode.ShouldNotBe(0, cake.Output);
            took.ShouldBeLessThan(TimeSpan.FromSeconds(15), cake.Output);
            if (signal == "INT") cake.Output.Split('\n').Count(line => line.Contains("interrupted", StringComparison.OrdinalIgnoreCase)).ShouldBe(1, cake.Output);
            var deadline = DateTime.UtcNow.AddSeconds(15);
            while (await ExistsAsync(held) && DateTime.UtcNow < deadline) await Task.Delay(100);
            (await ExistsAsync(held)).ShouldBeFalse("the server cancels the step when its build says so or leaves, and removes the container running it");
        }
        ServerProcess.IsAlive(pid).ShouldBeTrue();

        SlowLink.AddTo(_repository.Directory, seconds: 0); // the same GOFLAGS (the same server), a linker that no longer waits
        File.Copy(Path.Combine(_repository.Directory, "slow-link-0.sh"), Path.Combine(_repository.Directory, "slow-link.sh"), overwrite: true);
        var next = _repository.BuildSh(slow, Arguments("GoCompile"));
        next.ExitCode.ShouldBe(0, next.Output);
        next.Output.ShouldContain($"The steps run in the build server (pid {pid}", customMessage: "the project's lock was released with the killed build's run");
        HelloVersion().ShouldStartWith("hello 1.0.0");
    }

    [EngineFact]
    public async Task A_server_killed_during_a_step_leaves_the_build_to_finish_the_step_and_the_rest_itself()
    {
        var slow = WithServer(new() { ["GOFLAGS"] = SlowLink.AddTo(_repository.Directory) });
        _repository.BuildSh(slow, Arguments("GoRestore")).ExitCode.ShouldBe(0);
        var pid = await TheServerAsync("");

        using var cake = CakeProcess.Start(_repository, slow, Arguments("ComposeImage"));
        await SlowLink.WaitForHeldBuildAsync(_engine, MountsOurSource, ReachTheLinker, () => cake.Output);
        SlowLink.AddTo(_repository.Directory, seconds: 0);
        File.Copy(Path.Combine(_repository.Directory, "slow-link-0.sh"), Path.Combine(_repository.Directory, "slow-link.sh"), overwrite: true);

        ServerProcess.Kill(pid, "KILL");
        var (exitCode, _) = cake.WaitForExit(TimeSpan.FromMinutes(3));

        exitCode.ShouldBe(0, cake.Output);
        cake.Output.ShouldContain($"The build server (pid {pid}) ended during GoCompile");
        cake.Output.ShouldContain("this build runs GoCompile and the steps after it itself");
        HelloVersion().ShouldStartWith("hello 1.0.0");
        ImageId().ShouldStartWith("sha256:", customMessage: "ComposeImage ran too, in the build");
    }

    private Task<bool> ExistsAsync(string id) => LeftoverContainers.ExistsAsync(_engine, id);

    private bool MountsOurSource(global::Docker.DotNet.Models.ContainerListResponse container) =>
        container.Mounts.Any(m => m.Source == _repository.Directory);

}
