using MiniContainer.Docker;
using MiniContainer.IntegrationTests.Fixtures;

namespace MiniContainer.IntegrationTests.Docker;

/// <summary>Copy-out from a real container: the host file's mode is ours, and no path beside the target is written through.</summary>
[Collection(EngineCollection.Name)]
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class ContainerFilesTests : IDisposable
{
    private readonly string _folder = TestBed.TempDirectory("copy-out");

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static async Task CopyOutAsync(DockerEngine engine, string script, string containerPath, string hostPath)
    {
        var spec = new ContainerSpec { Image = TestBed.AlpineImage, Command = ["sh", "-c", script], Step = "copy-out-test", NetworkMode = "none" };
        var exit = await new ContainerRunner(engine).RunAsync(spec, afterExit: (container, code, ct) =>
            new ContainerFiles(engine).CopyFileOutAsync(container, containerPath, hostPath, ArtifactFile.BinaryMode, ct));
        exit.ExitCode.ShouldBe(0, string.Join('\n', exit.Output.Select(l => l.Text)));
    }

    [EngineFact]
    public async Task A_setuid_world_writable_file_in_the_container_lands_on_the_host_as_0755()
    {
        using var engine = await DockerEngine.ConnectAsync();
        var host = Path.Combine(_folder, "bin", "tool");

        await CopyOutAsync(engine, "cp /bin/busybox /tool && chmod 4777 /tool && ls -l /tool", "/tool", host);

        File.GetUnixFileMode(host).ShouldBe(ArtifactFile.BinaryMode);
        new FileInfo(host).Length.ShouldBeGreaterThan(0);
    }

    [EngineFact]
    public async Task Symlinks_planted_at_the_target_and_at_the_old_partial_path_are_replaced_or_left_and_their_targets_are_untouched()
    {
        using var engine = await DockerEngine.ConnectAsync();
        var bin = Directory.CreateDirectory(Path.Combine(_folder, "bin")).FullName;
        var victims = new[] { Path.Combine(_folder, "victim-of-target"), Path.Combine(_folder, "victim-of-partial") };
        foreach (var victim in victims) await File.WriteAllTextAsync(victim, "untouched");
        var host = Path.Combine(bin, "tool");
        File.CreateSymbolicLink(host, victims[0]);
        File.CreateSymbolicLink(host + ".partial", victims[1]);

        await CopyOutAsync(engine, "echo from-the-container > /tool", "/tool", host);

        victims.Select(v => File.ReadAllText(v)).ShouldBe(["untouched", "untouched"]);
        new FileInfo(host).LinkTarget.ShouldBeNull("the link at the target is replaced by the file, not written through");
        (await File.ReadAllTextAsync(host)).ShouldBe("from-the-container\n");
        Directory.GetFiles(bin).Select(Path.GetFileName).Order().ToArray().ShouldBe(["tool", "tool.partial"], customMessage: "no temporary file is left behind");
    }
}
