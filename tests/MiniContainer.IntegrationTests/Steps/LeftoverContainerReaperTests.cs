using Docker.DotNet.Models;
using MiniContainer.Docker;
using MiniContainer.IntegrationTests.Fixtures;

namespace MiniContainer.IntegrationTests.Steps;

[Collection(EngineCollection.Name)]
public class LeftoverContainerReaperTests
{
    [EngineFact]
    public async Task A_container_whose_build_process_died_is_removed_and_a_live_ones_is_kept()
    {
        using var engine = await DockerEngine.ConnectAsync();
        using var finished = System.Diagnostics.Process.Start("true")!;
        finished.WaitForExit();
        var dead = await CreateAsync(engine, $"{Environment.MachineName}:{finished.Id}");
        var alive = await CreateAsync(engine, $"{Environment.MachineName}:{Environment.ProcessId}");
        var otherMachine = await CreateAsync(engine, $"another-machine:{finished.Id}");
        try
        {
            var reaped = await new LeftoverContainerReaper(engine).ReapAsync(CancellationToken.None);

            reaped.ShouldContain(dead);
            reaped.ShouldNotContain(alive);
            reaped.ShouldNotContain(otherMachine);
            (await ExistsAsync(engine, dead)).ShouldBeFalse();
            (await ExistsAsync(engine, alive)).ShouldBeTrue();
        }
        finally
        {
            foreach (var id in new[] { dead, alive, otherMachine })
                await engine.Client.Containers.RemoveContainerAsync(id, new ContainerRemoveParameters { Force = true }).ContinueWith(_ => { });
        }
    }

    private static async Task<string> CreateAsync(DockerEngine engine, string owner)
    {
        var labels = ContainerLabels.For("reaper-test");
        labels[ContainerLabels.HostProcess] = owner;
        var created = await engine.Client.Containers.CreateContainerAsync(new CreateContainerParameters { Image = TestBed.AlpineImage, Cmd = ["true"], Labels = labels });
        return created.ID;
    }

    private static async Task<bool> ExistsAsync(DockerEngine engine, string id)
    {
        var all = await engine.Client.Containers.ListContainersAsync(new ContainersListParameters { All = true });
        return all.Any(c => c.ID == id);
    }
}
