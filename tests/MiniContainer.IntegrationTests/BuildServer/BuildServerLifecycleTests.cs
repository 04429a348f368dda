using MiniContainer.BuildServer;

namespace MiniContainer.IntegrationTests.BuildServer;

/// <summary>
/// The build server's life as its own process, started as a build starts it: it listens, answers the next build and the
/// one after, refuses a build of another version or code, tells a second build it is busy, exits when idle or told to
/// stop (its socket gone), and once killed leaves a socket nobody answers, which the next server replaces.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class BuildServerLifecycleTests : IDisposable
{
    private readonly ServerProcess _servers = new();

    public void Dispose() => _servers.Dispose();

    private Task<BuildServerConnection.Attempt> ConnectAsync(BuildServerIdentity? identity = null) =>
        BuildServerConnection.ConnectAsync(_servers.SocketPath, identity ?? _servers.Identity, CancellationToken.None);

    /// <summary>Connects once the server has seen the last connection end (it says busy until then, for a few milliseconds).</summary>
    private async Task<BuildServerConnection?> ConnectWhenFreeAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var attempt = await ConnectAsync();
            if (attempt.Connection is not null || DateTime.UtcNow > deadline || attempt.NotUsedBecause?.Contains("running another build") != true) return attempt.Connection;
            await Task.Delay(20);
        }
    }

    [Fact]
    public async Task A_started_server_welcomes_the_next_build_and_the_one_after_it_in_the_same_process()
    {
        var pid = await _servers.StartAsync();

        using (var first = (await ConnectAsync()).Connection.ShouldNotBeNull(_servers.Log)) first.ServerPid.ShouldBe(pid);
        using (var second = (await ConnectWhenFreeAsync()).ShouldNotBeNull(_servers.Log)) second.ServerPid.ShouldBe(pid, "reused, not a new server");

        ServerProcess.IsAlive(pid).ShouldBeTrue("it stays for the next build");
        _servers.Log.ShouldContain($"listening at {_servers.SocketPath}");
    }

    [Fact]
    public async Task The_folder_of_the_sockets_is_this_user_s_alone()
    {
        await _servers.StartAsync();

        BuildServerDirectory.EnsurePrivate(_servers.Directory).ShouldBeTrue();
        File.SetUnixFileMode(_servers.Directory, (UnixFileMode)0b111_101_000);
        BuildServerDirectory.EnsurePrivate(_servers.Directory).ShouldBeFalse("a folder others may enter is not used");
        File.SetUnixFileMode(_servers.Directory, (UnixFileMode)0b111_000_000);
    }

    [Theory]
    [InlineData("version", "it is MiniContainer")]
    [InlineData("code", "another build of MiniContainer")]
    [InlineData("environment", "another environment")]
    public async Task A_build_of_another_version_code_or_environment_is_refused_and_told_why(string differs, string reason)
    {
        var pid = await _servers.StartAsync();
        var other = differs switch
        {
            "version" => _servers.Identity with { Version = "9.9.9" },
            "code" => _servers.Identity with { CodeId = new string('0', 32) },
            _ => _servers.Identity with { Key = new string('f', 24) },
        };

        var attempt = await ConnectAsync(other);

        attempt.Connection.ShouldBeNull();
        attempt.NobodyListens.ShouldBeFalse("the server is there: the build must not remove its socket or start another");
        attempt.NotUsedBecause.ShouldNotBeNull().ShouldContain(reason);
        attempt.NotUsedBecause.ShouldContain($"pid {pid}");
        using var same = (await ConnectWhenFreeAsync()).ShouldNotBeNull("a refusal ends only that connection");
    }

    [Fact]
    public async Task A_second_build_while_one_is_connected_is_told_the_server_is_busy_and_the_third_after_it_is_welcome()
    {
        var pid = await _servers.StartAsync();
        using (var first = (await ConnectAsync()).Connection.ShouldNotBeNull())
        {
            var second = await ConnectAsync();
            second.Connection.ShouldBeNull();
            second.NotUsedBecause.ShouldNotBeNull().ShouldContain($"the build server (pid {pid}) is running another build");
        }

        using var third = await ConnectWhenFreeAsync();
        third.ShouldNotBeNull("the server serves the next build once the first has gone").ServerPid.ShouldBe(pid);
    }

    [Fact]
    public async Task An_idle_server_exits_and_takes_its_socket_and_pid_file_with_it()
    {
        var pid = await _servers.StartAsync(idle: TimeSpan.FromSeconds(2));
        using (var build = (await ConnectAsync()).Connection.ShouldNotBeNull()) build.ServerPid.ShouldBe(pid);

        (await ServerProcess.EndsWithinAsync(pid, TimeSpan.FromSeconds(20))).ShouldBeTrue($"idle for 2 s, it must exit:\n{_servers.Log}");
        File.Exists(_servers.SocketPath).ShouldBeFalse();
        File.Exists(_servers.PidFile).ShouldBeFalse();
        _servers.Log.ShouldContain("no build for 00:00:02: exiting");
        (await ConnectAsync()).NobodyListens.ShouldBeTrue("the next build starts a new one");
    }

    [Fact]
    public async Task A_connected_build_keeps_an_idle_server_alive_until_it_leaves()
    {
        var pid = await _servers.StartAsync(idle: TimeSpan.FromSeconds(1));
        using (var build = (await ConnectAsync()).Connection.ShouldNotBeNull())
        {
            await Task.Delay(TimeSpan.FromSeconds(3));
            ServerProcess.IsAlive(pid).ShouldBeTrue("a build's run may pause between steps for longer than the idle timeout");
        }
        (await ServerProcess.EndsWithinAsync(pid, TimeSpan.FromSeconds(20))).ShouldBeTrue(_servers.Log);
    }

    [Fact]
    public async Task SIGTERM_stops_the_server_and_removes_its_socket()
    {
        var pid = await _servers.StartAsync();

        ServerProcess.Kill(pid, "TERM");

        (await ServerProcess.EndsWithinAsync(pid, TimeSpan.FromSeconds(20))).ShouldBeTrue(_servers.Log);
        File.Exists(_servers.SocketPath).ShouldBeFalse();
        _servers.Log.ShouldContain("stopped");
    }

    [Fact]
    public async Task SIGINT_and_SIGHUP_meant_for_the_build_that_started_it_do_not_end_it()
    {
        var pid = await _servers.StartAsync();

        ServerProcess.Kill(pid, "INT");
        ServerProcess.Kill(pid, "HUP");
        await Task.Delay(500);

        ServerProcess.IsAlive(pid).ShouldBeTrue("Ctrl-C in the terminal, or the terminal closing, is for the build, not the server");
        using var build = (await ConnectAsync()).Connection.ShouldNotBeNull();
    }

    [Fact]
    public async Task A_killed_server_leaves_a_socket_nobody_answers_and_the_next_server_takes_its_place()
    {
        var killed = await _servers.StartAsync();
        ServerProcess.Kill(killed, "KILL");
        (await ServerProcess.EndsWithinAsync(killed, TimeSpan.FromSeconds(20))).ShouldBeTrue();
        File.Exists(_servers.SocketPath).ShouldBeTrue("SIGKILL leaves the socket file behind");

        var attempt = await ConnectAsync();
        attempt.Connection.ShouldBeNull();
        attempt.NobodyListens.ShouldBeTrue(attempt.NotUsedBecause);
        BuildServerDirectory.LiveServers(_servers.Directory).ShouldBeEmpty("the dead server's files are cleared");

        var next = await _servers.StartAsync();
        next.ShouldNotBe(killed);
        using var build = (await ConnectAsync()).Connection.ShouldNotBeNull(_servers.Log);
        build.ServerPid.ShouldBe(next);
    }

    [Fact]
    public async Task A_second_server_for_the_same_socket_leaves_the_first_alone_and_exits()
    {
        var first = await _servers.StartAsync();

        BuildServerLauncher.TryStart(ServerProcess.ServerAssembly, _servers.SocketPath, _servers.Identity, TimeSpan.FromMinutes(1)).ShouldBeNull();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!_servers.Log.Contains("another server listens") && DateTime.UtcNow < deadline) await Task.Delay(100);

        _servers.Log.ShouldContain($"not started: another server listens at {_servers.SocketPath}");
        using var build = (await ConnectWhenFreeAsync()).ShouldNotBeNull();
        build.ServerPid.ShouldBe(first);
    }

    [Fact]
    public async Task A_server_asked_to_run_in_an_environment_it_was_not_started_in_does_not_start()
    {
        BuildServerLauncher.TryStart(ServerProcess.ServerAssembly, _servers.SocketPath, _servers.Identity with { Key = new string('a', 24) }, TimeSpan.FromMinutes(1)).ShouldBeNull();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!_servers.Log.Contains("not started") && DateTime.UtcNow < deadline) await Task.Delay(100);

        _servers.Log.ShouldContain("not started: this process is");
        File.Exists(_servers.SocketPath).ShouldBeFalse("it would build with another environment than its builds have");
    }
}
