using System.Diagnostics;
using MiniContainer.Docker;
using MiniContainer.IntegrationTests.Fixtures;

namespace MiniContainer.IntegrationTests.Reliability;

/// <summary>
/// A second dockerd of our own, so a test can stop and restart an engine without touching the shared
/// one: its own data root, exec root (and so its own managed containerd), pid file and sockets, a unix
/// socket and a plain TCP listener on 127.0.0.1 only. It gets the test-bed images once (docker save |
/// docker load), and is stopped and its folder removed at the end, whatever happened.
/// </summary>
public class SecondEngine : IAsyncLifetime
{
    private readonly string _root = TestBed.TempDirectory("engine2");

    /// <summary>The engine's own folder (data, exec root, sockets), removed at the end.</summary>
    protected string Root => _root;
    private readonly Queue<string> _log = new();
    private Process? _dockerd;

    public int Port { get; } = RegistryFixture.FreePort();

    public string UnixHost => $"unix://{Path.Combine(_root, "docker.sock")}";

    /// <summary>Loopback TCP: the engine counts as remote (it does not share our file system).</summary>
    public string TcpHost => $"tcp://127.0.0.1:{Port}";

    /// <summary>The dockerd's last lines, for a failing assertion's message.</summary>
    public string RecentLog
    {
        get
        {
            lock (_log) return string.Join('\n', _log);
        }
    }

    /// <summary>dockerd options beyond the folders, sockets and network a second engine always gets.</summary>
    protected virtual IEnumerable<string> ExtraArguments => [];

    /// <summary>Whether the engine gets the test-bed images (a builder and the Alpine stand-in).</summary>
    protected virtual bool HoldsTestImages => true;

    /// <summary>Makes what <see cref="ExtraArguments"/> name (certificates, say) before the engine first starts.</summary>
    protected virtual void Prepare()
    {
    }

    public async Task InitializeAsync()
    {
        if (!TestBed.EngineRequired && !EngineProbe.Answers) return; // the tests skip too
        Prepare();
        await StartAsync();
        if (!HoldsTestImages) return;
        var load = ProcessRunner.Run("bash", ["-c", $"set -o pipefail; docker save {TestBed.BuilderImage} {TestBed.AlpineImage} | DOCKER_HOST={UnixHost} docker load"], timeoutSeconds: 600);
        load.ExitCode.ShouldBe(0, load.Output);
    }

    public async Task StartAsync()
    {
        var start = new ProcessStartInfo("dockerd") { RedirectStandardOutput = true, RedirectStandardError = true };
        string[] arguments =
        [
            "--data-root", Path.Combine(_root, "data"), "--exec-root", Path.Combine(_root, "exec"),
            "--pidfile", Path.Combine(_root, "dockerd.pid"), "-H", UnixHost, "-H", TcpHost,
            "--bridge=none", "--iptables=false", "--ip-masq=false",
            .. ExtraArguments,
        ];
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        _dockerd = Process.Start(start)!;
        _dockerd.OutputDataReceived += (_, e) => Keep(e.Data);
        _dockerd.ErrorDataReceived += (_, e) => Keep(e.Data);
        _dockerd.BeginOutputReadLine();
        _dockerd.BeginErrorReadLine();

        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try
            {
                using var engine = await DockerEngine.ConnectAsync(new Uri(UnixHost));
                return;
            }
            catch (DockerEngineUnavailableException) when (DateTime.UtcNow < deadline && !_dockerd.HasExited)
            {
                await Task.Delay(250);
            }
            catch (DockerEngineUnavailableException e)
            {
                throw new InvalidOperationException($"the second dockerd did not start: {e.Message}\n{RecentLog}", e);
            }
        }
    }

    /// <summary>Stops the engine as a restart does (SIGTERM: it stops its containers, then itself).</summary>
    public void Stop()
    {
        if (_dockerd is null || _dockerd.HasExited) return;
        ProcessRunner.Run("kill", ["-TERM", _dockerd.Id.ToString()]);
        if (!_dockerd.WaitForExit(60_000))
        {
            _dockerd.Kill();
            _dockerd.WaitForExit(10_000);
        }
        _dockerd.Dispose();
        _dockerd = null;
    }

    /// <summary>Freezes the engine (SIGSTOP): its sockets stay open and take bytes, but nothing answers, as a hung engine.</summary>
    public void Freeze() => ProcessRunner.Run("kill", ["-STOP", _dockerd!.Id.ToString()]).ExitCode.ShouldBe(0);

    /// <summary>Lets a frozen engine go on (SIGCONT).</summary>
    public void Thaw()
    {
        if (_dockerd is { HasExited: false }) ProcessRunner.Run("kill", ["-CONT", _dockerd.Id.ToString()]);
    }

    /// <summary>Removes every container of this engine, so the next test finds no build of an earlier one.</summary>
    public async Task RemoveAllContainersAsync()
    {
        using var engine = await ConnectAsync();
        foreach (var container in await engine.Client.Containers.ListContainersAsync(new global::Docker.DotNet.Models.ContainersListParameters { All = true }))
            try
            {
                await engine.Client.Containers.RemoveContainerAsync(container.ID, new global::Docker.DotNet.Models.ContainerRemoveParameters { Force = true });
            }
            catch (global::Docker.DotNet.DockerApiException e) when (e.StatusCode is System.Net.HttpStatusCode.Conflict or System.Net.HttpStatusCode.NotFound)
            {
                // Already on its way out (a container started with AutoRemove).
            }
    }

    public Task<DockerEngine> ConnectAsync() => DockerEngine.ConnectAsync(new Uri(UnixHost));

    public Task DisposeAsync()
    {
        Thaw();
        Stop();
        // A containerd that outlived its dockerd (it should not) would keep mounts under the folder.
        var containerdPid = Path.Combine(_root, "exec", "containerd", "containerd.pid");
        if (File.Exists(containerdPid) && int.TryParse(File.ReadAllText(containerdPid).Trim(), out var pid))
            ProcessRunner.Run("kill", ["-KILL", pid.ToString()]);
        ProcessRunner.Run("bash", ["-c", $"grep -o ' {_root}[^ ]*' /proc/mounts | sort -r | xargs -r -n1 umount -l; rm -rf {_root}"]);
        return Task.CompletedTask;
    }

    private void Keep(string? line)
    {
        if (line is null) return;
        lock (_log)
        {
            _log.Enqueue(line);
            if (_log.Count > 40) _log.Dequeue();
        }
    }
}
