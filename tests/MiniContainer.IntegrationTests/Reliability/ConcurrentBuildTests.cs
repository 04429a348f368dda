using MiniContainer.Docker;
using MiniContainer.IntegrationTests.Cake;
using MiniContainer.IntegrationTests.Fixtures;

namespace MiniContainer.IntegrationTests.Reliability;

/// <summary>
/// Real ./build.sh runs at the same time: two of one repository (they would share its warm builder
/// and output folder), and one in another PID namespace beside one on the host (they share the engine).
/// </summary>
[Collection(EngineCollection.Name)]
public sealed class ConcurrentBuildTests : IAsyncLifetime
{
    private static readonly TimeSpan ReachTheLinker = TimeSpan.FromMinutes(3);
    private readonly List<ConsumerRepository> _repositories = [];
    private readonly List<string> _containers = [];
    private DockerEngine _engine = null!;

    public async Task InitializeAsync() => _engine = await DockerEngine.ConnectAsync();

    public async Task DisposeAsync()
    {
        foreach (var repository in _repositories)
            _containers.AddRange(await LeftoverContainers.WarmBuildersOfAsync(_engine, repository.Directory));
        foreach (var id in _containers)
            await _engine.Client.Containers.RemoveContainerAsync(id, new global::Docker.DotNet.Models.ContainerRemoveParameters { Force = true }).ContinueWith(_ => { });
        _engine.Dispose();
        foreach (var repository in _repositories) repository.Dispose();
    }

    [EngineFact]
    public async Task A_second_build_of_a_repository_waits_for_the_first_and_succeeds_when_the_first_is_interrupted()
    {
        var repository = Repository();
        var held = new Dictionary<string, string> { ["GOFLAGS"] = SlowLink.AddTo(repository.Directory) };
        // The second build's own link waits too, so without the lock it is caught inside the first's warm builder.
        var second = new Dictionary<string, string> { ["GOFLAGS"] = SlowLink.AddTo(repository.Directory, seconds: 10) };
        bool MountsItsSource(global::Docker.DotNet.Models.ContainerListResponse c) => c.Mounts.Any(m => m.Source == repository.Directory);

        using var first = CakeProcess.Start(repository, held, ["GoCompile", .. ConsumerRepository.TestImages]);
        await SlowLink.WaitForHeldBuildAsync(_engine, MountsItsSource, ReachTheLinker, () => first.Output);
        using var next = CakeProcess.Start(repository, second, ["GoCompile", .. ConsumerRepository.TestImages]);
        var waiting = Task.Run(async () =>
        {
            while (!next.Output.Contains("Waiting for the build of", StringComparison.Ordinal) && !next.HasExited) await Task.Delay(250);
        });
        var inTheFirstsBuilder = SlowLink.WaitForHeldBuildAsync(_engine, MountsItsSource, ReachTheLinker, () => next.Output, seconds: 10);
        await Task.WhenAny(waiting, inTheFirstsBuilder).WaitAsync(ReachTheLinker);

        first.Signal("INT");
        first.WaitForExit(TimeSpan.FromSeconds(60)).ExitCode.ShouldNotBe(0, first.Output);
        var (exitCode, _) = next.WaitForExit(TimeSpan.FromMinutes(5));

        exitCode.ShouldBe(0, next.Output);
        next.Output.ShouldContain($"Waiting for the build of {repository.Directory} (pid ", Case.Sensitive, next.Output);
        ProcessRunner.Run(Path.Combine(repository.Artifacts, "bin", "hello"), ["--version"]).StandardOutput.ShouldStartWith("hello 1.0.0");
    }

    [EngineFact]
    public async Task Ctrl_C_to_a_build_waiting_for_another_ends_it_within_seconds_with_one_line_and_the_other_goes_on()
    {
        var repository = Repository();
        var held = new Dictionary<string, string> { ["GOFLAGS"] = SlowLink.AddTo(repository.Directory) };
        bool MountsItsSource(global::Docker.DotNet.Models.ContainerListResponse c) => c.Mounts.Any(m => m.Source == repository.Directory);

        using var first = CakeProcess.Start(repository, held, ["GoCompile", .. ConsumerRepository.TestImages]);
        var building = await SlowLink.WaitForHeldBuildAsync(_engine, MountsItsSource, ReachTheLinker, () => first.Output);
        using var next = CakeProcess.Start(repository, null, ["GoCompile", .. ConsumerRepository.TestImages]);
        while (!next.Output.Contains("Waiting for the build of", StringComparison.Ordinal))
        {
            next.HasExited.ShouldBeFalse(next.Output);
            await Task.Delay(250);
        }

        next.Signal("INT");
        var (exitCode, took) = next.WaitForExit(TimeSpan.FromSeconds(60));

        exitCode.ShouldNotBe(0, next.Output);
        took.ShouldBeLessThan(TimeSpan.FromSeconds(10), next.Output);
        next.Output.Split('\n').Count(line => line.Contains("interrupted", StringComparison.OrdinalIgnoreCase)).ShouldBe(1, next.Output);
        next.Output.ShouldNotContain("   at ", customMessage: "no stack trace");
        first.HasExited.ShouldBeFalse(first.Output);
        (await ExistsAsync(building)).ShouldBeTrue("the waiting build must not touch the running build's container");
        first.Signal("INT");
        first.WaitForExit(TimeSpan.FromSeconds(60));
    }

    [EngineFact]
    public async Task A_build_in_another_PID_namespace_keeps_its_container_while_a_build_on_the_host_reaps_leftovers()
    {
        if (!OperatingSystem.IsLinux() || Environment.UserName != "root") return; // unshare --pid needs root
        var namespaced = Repository();
        var version = $"ns-{Guid.NewGuid():N}";
        // Copy, not bind mounts: its build container is then one the reaper judges (a warm builder never is).
        File.WriteAllText(Path.Combine(namespaced.Directory, "build.cake"), """
            #addin nuget:?package=Cake.MiniContainer&version=0.1.0
            using MiniContainer.Go.Builders;
            Task("CopyCompile").Does(ctx => GoCompile(new GoCompileSettings
            {
                BuilderImage = EnvironmentVariable("TEST_BUILDER_IMAGE"), Transfer = FileTransfer.Copy, OutputDirectory = "artifacts/bin",
                Variables = { ["main.version"] = EnvironmentVariable("TEST_VERSION") },
            }));
            RunTarget("CopyCompile");
            """);
        var environment = new Dictionary<string, string>
        {
            ["GOFLAGS"] = SlowLink.AddTo(namespaced.Directory), ["TEST_BUILDER_IMAGE"] = TestBed.BuilderImage, ["TEST_VERSION"] = version,
        };
        // Inside the namespace the build gets a pid that names no process on the host: what the host's reaper once took for dead.
        var pid = FreeHostPid();
        string[] unshare = ["unshare", "--pid", "--fork", "--mount-proc", "sh", "-c", $"echo {pid - 1} > /proc/sys/kernel/ns_last_pid; \"$@\"; exit $?", "sh"];

        using var build = CakeProcess.StartIn(unshare, namespaced, environment);
        var held = await SlowLink.WaitForHeldBuildAsync(_engine, c => c.Command?.Contains(version, StringComparison.Ordinal) == true, ReachTheLinker, () => build.Output);
        _containers.Add(held);
        var owner = (await _engine.Client.Containers.InspectContainerAsync(held)).Config!.Labels[ContainerLabels.HostProcess];
        owner.Split(':')[1].ShouldBe(pid.ToString(), owner);
        Directory.Exists($"/proc/{pid}").ShouldBeFalse("the namespaced build's pid must name no process on the host");

        var host = Repository();
        var hostBuild = host.BuildSh(null, ["GoCompile", .. ConsumerRepository.TestImages]);

        hostBuild.ExitCode.ShouldBe(0, hostBuild.Output);
        (await ExistsAsync(held)).ShouldBeTrue($"the host's build removed the live build's container ({owner}):\n{hostBuild.Output}");
        build.HasExited.ShouldBeFalse(build.Output);
        build.Signal("INT");
        await WaitUntilGoneAsync(held, TimeSpan.FromSeconds(60));
    }

    private ConsumerRepository Repository()
    {
        var repository = ConsumerRepository.CopyOf("hello");
        _repositories.Add(repository);
        return repository;
    }

    /// <summary>
    /// A free pid the host hands out again last: one a little below the counter (allocated a while ago and freed), or, when the
    /// counter has just wrapped and there is no room below it, one near pid_max, far above it.
    /// </summary>
    private static int FreeHostPid()
    {
        var last = int.Parse(File.ReadAllText("/proc/sys/kernel/ns_last_pid").Trim());
        var max = int.Parse(File.ReadAllText("/proc/sys/kernel/pid_max").Trim());
        for (var pid = last - 500; pid > 300; pid--)
            if (!Directory.Exists($"/proc/{pid}")) return pid;
        for (var pid = max - 1; pid > last + 1000; pid--)
            if (!Directory.Exists($"/proc/{pid}")) return pid;
        throw new InvalidOperationException($"no free pid below {last} nor between {last + 1000} and {max}");
    }


    private async Task WaitUntilGoneAsync(string id, TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        while (await ExistsAsync(id))
        {
            DateTime.UtcNow.ShouldBeLessThan(deadline, $"container {id} was not removed after Ctrl-C");
            await Task.Delay(250);
        }
    }

    private Task<bool> ExistsAsync(string id) => LeftoverContainers.ExistsAsync(_engine, id);
}
