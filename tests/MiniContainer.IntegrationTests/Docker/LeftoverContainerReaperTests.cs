using Docker.DotNet.Models;
using MiniContainer.Docker;
using MiniContainer.IntegrationTests.Fixtures;

namespace MiniContainer.IntegrationTests.Docker;

[Collection(EngineCollection.Name)]
public class LeftoverContainerReaperTests
{
    [EngineFact]
    public async Task A_container_whose_build_process_died_is_removed_and_a_live_ones_and_uncheckable_ones_are_kept()
    {
        using var engine = await DockerEngine.ConnectAsync();
        using var finished = System.Diagnostics.Process.Start("true")!;
        finished.WaitForExit();
        var ended = HostProcessIdentity.Current with { Pid = finished.Id, StartTime = "1" };
        var dead = await CreateAsync(engine, ended.ToString());
        var alive = await CreateAsync(engine, HostProcessIdentity.Current.ToString());
        var otherMachine = await CreateAsync(engine, (ended with { Machine = "another-machine", BootId = "another-boot" }).ToString());
        var otherNamespace = await CreateAsync(engine, (ended with { PidNamespace = "4026599999" }).ToString());
        var olderBuild = await CreateAsync(engine, $"{Environment.MachineName}:{finished.Id}");
        var dayOld = await CreateAsync(engine, (ended with { PidNamespace = "4026599999" }).ToString(), created: DateTimeOffset.UtcNow.AddDays(-2));
        try
        {
            var reaped = await new LeftoverContainerReaper(engine).ReapAsync(CancellationToken.None);

            reaped.ShouldContain(dead);
            reaped.ShouldContain(dayOld);
            reaped.ShouldNotContain(alive);
            reaped.ShouldNotContain(otherMachine);
            reaped.ShouldNotContain(otherNamespace);
            reaped.ShouldNotContain(olderBuild);
            (await ExistsAsync(engine, dead)).ShouldBeFalse();
            (await ExistsAsync(engine, alive)).ShouldBeTrue();
            (await ExistsAsync(engine, otherNamespace)).ShouldBeTrue();
        }
        finally
        {
            foreach (var id in new[] { dead, alive, otherMachine, otherNamespace, olderBuild, dayOld })
                await engine.Client.Containers.RemoveContainerAsync(id, new ContainerRemoveParameters { Force = true }).ContinueWith(_ => { });
        }
    }

    private static async Task<string> CreateAsync(DockerEngine engine, string owner, DateTimeOffset? created = null)
    {
        var labels = ContainerLabels.For("reaper-test");
        labels[ContainerLabels.HostProcess] = owner;
        if (created is { } at) labels[ContainerLabels.Created] = at.ToUnixTimeSeconds().ToString();
        var container = await engine.Client.Containers.CreateContainerAsync(new CreateContainerParameters { Image = TestBed.AlpineImage, Cmd = ["true"], Labels = labels });
        return container.ID;
    }

    private static async Task<bool> ExistsAsync(DockerEngine engine, string id)
    {
        var all = await engine.Client.Containers.ListContainersAsync(new ContainersListParameters { All = true });
        return all.Any(c => c.ID == id);
    }
}
