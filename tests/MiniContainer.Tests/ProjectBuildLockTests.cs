using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace MiniContainer.Tests;

/// <summary>One build of a project at a time: held against other processes (util-linux flock(1) here), shared within one.</summary>
public sealed class ProjectBuildLockTests : IDisposable
{
    private readonly string _project = Directory.CreateTempSubdirectory("lock-project-").FullName;
    private readonly ListLogger _logger = new();

    public void Dispose() => Directory.Delete(_project, recursive: true);

    [Fact]
    public async Task A_build_waits_while_another_process_holds_the_projects_lock_says_so_and_takes_it_when_that_ends()
    {
        if (!OperatingSystem.IsLinux()) return;
        var lockFile = ProjectBuildLock.LockFileFor(_project);
        using var holder = HoldElsewhere(lockFile, seconds: 2);

        var clock = Stopwatch.StartNew();
        using var taken = await ProjectBuildLock.AcquireAsync(_project, _logger, CancellationToken.None);

        clock.Elapsed.ShouldBeGreaterThan(TimeSpan.FromSeconds(1), "the other process held it for 2 s");
        holder.HasExited.ShouldBeTrue();
        taken.LockFile.ShouldBe(lockFile);
        _logger.Messages.ShouldHaveSingleItem().ShouldStartWith($"Waiting for the build of {_project} (pid ");
    }

    [Fact]
    public async Task While_the_lock_is_held_no_other_process_gets_it_and_once_released_one_does()
    {
        if (!OperatingSystem.IsLinux()) return;
        using (var taken = await ProjectBuildLock.AcquireAsync(_project, _logger, CancellationToken.None))
            TryLockElsewhere(taken.LockFile).ShouldBeFalse();

        TryLockElsewhere(ProjectBuildLock.LockFileFor(_project)).ShouldBeTrue();
        _logger.Messages.ShouldBeEmpty();
    }

    [Fact]
    public async Task Cancelling_a_wait_ends_it_at_once_without_the_lock()
    {
        if (!OperatingSystem.IsLinux()) return;
        using var holder = HoldElsewhere(ProjectBuildLock.LockFileFor(_project), seconds: 30);
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(1));

        var clock = Stopwatch.StartNew();
        await Should.ThrowAsync<OperationCanceledException>(() => ProjectBuildLock.AcquireAsync(_project, _logger, cancel.Token));

        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(5));
        holder.HasExited.ShouldBeFalse();
        holder.Kill(entireProcessTree: true);
    }

    [Fact]
    public async Task Steps_of_one_process_share_the_lock_and_it_is_released_when_the_last_lets_go()
    {
        if (!OperatingSystem.IsLinux()) return;
        var run = await ProjectBuildLock.AcquireAsync(_project, _logger, CancellationToken.None);
        var step = await ProjectBuildLock.AcquireAsync(_project, _logger, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5));

        step.Dispose();
        TryLockElsewhere(run.LockFile).ShouldBeFalse();
        run.Dispose();
        TryLockElsewhere(run.LockFile).ShouldBeTrue();
        _logger.Messages.ShouldBeEmpty();
    }

    [Fact]
    public void A_project_folder_reached_through_a_symbolic_link_has_the_same_lock()
    {
        if (!OperatingSystem.IsLinux()) return;
        var link = _project + "-link";
        Directory.CreateSymbolicLink(link, _project);
        try
        {
            ProjectBuildLock.LockFileFor(link).ShouldBe(ProjectBuildLock.LockFileFor(_project));
            ProjectBuildLock.LockFileFor(Path.GetTempPath()).ShouldNotBe(ProjectBuildLock.LockFileFor(_project));
        }
        finally
        {
            Directory.Delete(link);
        }
    }

    /// <summary>flock(1) holds an flock(2) on the file for a while (it and its child), as another build's process would.</summary>
    private static Process HoldElsewhere(string lockFile, int seconds)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(lockFile)!);
        var start = new ProcessStartInfo("flock", [lockFile, "sh", "-c", $"echo held; sleep {seconds}"]) { RedirectStandardOutput = true };
        var holder = Process.Start(start)!;
        holder.StandardOutput.ReadLine().ShouldBe("held");
        return holder;
    }

    private static bool TryLockElsewhere(string lockFile)
    {
        using var probe = Process.Start(new ProcessStartInfo("flock", ["--nonblock", lockFile, "true"]))!;
        probe.WaitForExit();
        return probe.ExitCode == 0;
    }

    private sealed class ListLogger : ILogger
    {
        private readonly List<string> _messages = [];

        public IReadOnlyList<string> Messages
        {
            get
            {
                lock (_messages) return _messages.ToList();
            }
        }

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (_messages) _messages.Add(formatter(state, exception));
        }
    }
}
