using MiniContainer.Docker;
using MiniContainer.IntegrationTests.Cake;
using MiniContainer.IntegrationTests.Fixtures;

namespace MiniContainer.IntegrationTests.Reliability;

/// <summary>
/// Ctrl-C, SIGTERM and SIGKILL sent to a real Cake run of hello while GoCompile's container is in
/// the middle of the build (held at the linker), and the run after it.
/// </summary>
[Collection(EngineCollection.Name)]
public sealed class InterruptTests : IAsyncLifetime
{
    private static readonly TimeSpan ReachTheLinker = TimeSpan.FromMinutes(3);
    private readonly ConsumerRepository _repository = ConsumerRepository.CopyOf("hello");
    private DockerEngine _engine = null!;

    public async Task InitializeAsync() => _engine = await DockerEngine.ConnectAsync();

    public async Task DisposeAsync()
    {
        foreach (var id in await LeftoverContainers.WarmBuildersOfAsync(_engine, _repository.Directory))
            await _engine.Client.Containers.RemoveContainerAsync(id, new global::Docker.DotNet.Models.ContainerRemoveParameters { Force = true });
        _engine.Dispose();
        _repository.Dispose();
    }

    [EngineTheory]
    [InlineData("INT")]
    [InlineData("TERM")]
    public async Task A_signal_during_GoCompile_removes_the_build_container_within_seconds_and_exits_non_zero_with_one_line_and_the_next_run_works(string signal)
    {
        var slow = new Dictionary<string, string> { ["GOFLAGS"] = SlowLink.AddTo(_repository.Directory) };
        string held;
        using (var cake = CakeProcess.Start(_repository, slow, ["GoCompile", .. ConsumerRepository.TestImages]))
        {
            held = await SlowLink.WaitForHeldBuildAsync(_engine, MountsOurSource, ReachTheLinker, () => cake.Output);

            cake.Signal(signal);
            var (exitCode, took) = cake.WaitForExit(TimeSpan.FromSeconds(60));

            exitCode.ShouldNotBe(0, cake.Output);
            took.ShouldBeLessThan(TimeSpan.FromSeconds(15), cake.Output);
            (await ExistsAsync(held)).ShouldBeFalse("the container running the build must be removed");
            cake.Output.Split('\n').Count(line => line.Contains("interrupted", StringComparison.OrdinalIgnoreCase)).ShouldBe(1, cake.Output);
            cake.Output.ShouldNotContain("   at ", customMessage: "no stack trace");
        }

        var next = _repository.BuildSh(null, ["GoCompile", .. ConsumerRepository.TestImages]);

        next.ExitCode.ShouldBe(0, next.Output);
        ProcessRunner.Run(Path.Combine(_repository.Artifacts, "bin", "hello"), ["--version"]).StandardOutput.ShouldStartWith("hello 1.0.0");
    }

    [EngineFact]
    public async Task After_SIGKILL_the_build_container_remains_and_the_next_run_replaces_it_so_the_killed_build_cannot_write_into_its_output()
    {
        var slow = new Dictionary<string, string> { ["GOFLAGS"] = SlowLink.AddTo(_repository.Directory) };
        string held;
        using (var cake = CakeProcess.Start(_repository, slow, ["GoCompile", .. ConsumerRepository.TestImages]))
        {
            held = await SlowLink.WaitForHeldBuildAsync(_engine, MountsOurSource, ReachTheLinker, () => cake.Output);
            cake.Signal("KILL");
            cake.WaitForExit(TimeSpan.FromSeconds(30)).ExitCode.ShouldNotBe(0);
        }
        (await ExistsAsync(held)).ShouldBeTrue("nothing can clean up after SIGKILL: the labelled container is still there");

        var next = _repository.BuildSh(null, ["GoCompile", .. ConsumerRepository.TestImages]);

        next.ExitCode.ShouldBe(0, next.Output);
        (await ExistsAsync(held)).ShouldBeFalse("the container with the killed build's linker still waiting in it must be replaced, not reused");
        ProcessRunner.Run(Path.Combine(_repository.Artifacts, "bin", "hello"), ["--version"]).StandardOutput.ShouldStartWith("hello 1.0.0");
    }

    private Task<bool> ExistsAsync(string id) => LeftoverContainers.ExistsAsync(_engine, id);

    private bool MountsOurSource(global::Docker.DotNet.Models.ContainerListResponse container) =>
        container.Mounts.Any(m => m.Source == _repository.Directory);

}
