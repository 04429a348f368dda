using System.Diagnostics;
using MiniContainer.BuildServer;

namespace MiniContainer.Tests.BuildServer;

/// <summary>Which servers a folder's pid files name as alive: a server killed and not yet reaped (a zombie) is dead, and its files go.</summary>
public sealed class BuildServerDirectoryTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("mc-servers-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Server(string name, int pid)
    {
        var socket = Path.Combine(_folder, $"server-{name}.sock");
        File.WriteAllText(socket, "");
        File.WriteAllText(BuildServerDirectory.PidFileOf(socket), pid.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return socket;
    }

    [Fact]
    public void A_running_server_is_live_and_a_zombie_ones_files_are_removed()
    {
        if (!OperatingSystem.IsLinux()) return;
        // The child ends after its parent has become `sleep 30`, which never waits for it: a zombie until the parent is killed.
        using var parent = Process.Start(new ProcessStartInfo("sh", ["-c", "sleep 1 & echo $!; exec sleep 30"]) { RedirectStandardOutput = true })!;
        try
        {
            var zombie = int.Parse(parent.StandardOutput.ReadLine()!, System.Globalization.CultureInfo.InvariantCulture);
            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (!File.ReadAllText($"/proc/{zombie}/stat").Contains(") Z ") && DateTime.UtcNow < deadline) Thread.Sleep(20);
            File.ReadAllText($"/proc/{zombie}/stat").ShouldContain(") Z ");
            var live = Server("live", Environment.ProcessId);
            var killed = Server("killed", zombie);

            BuildServerDirectory.LiveServers(_folder).ShouldBe([live]);
            File.Exists(killed).ShouldBeFalse("the zombie server's socket is removed");
            File.Exists(BuildServerDirectory.PidFileOf(killed)).ShouldBeFalse("and its pid file");
            File.Exists(live).ShouldBeTrue();
        }
        finally
        {
            parent.Kill();
        }
    }
}
