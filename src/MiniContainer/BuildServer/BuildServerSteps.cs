using Microsoft.Extensions.Logging;
using MiniContainer.Pipeline;

namespace MiniContainer.BuildServer;

/// <summary>
/// A host's steps through the build server, for the whole process: the first step decides. A server of this
/// version and environment that welcomes the build runs every step; when there is none, this build runs its steps
/// itself and starts one in the background for the next build. A busy, refusing or unreachable server, or one that
/// ends during a step, leaves the build to run that step and the rest itself: a server only ever makes builds faster.
/// </summary>
public static class BuildServerSteps
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static BuildServerConnection? _connection;
    private static bool _runsHere;

    /// <summary>Runs the step in the build server; false when this process is to run it itself.</summary>
    /// <exception cref="BuildServerStepException">The step failed there as it would have here (the message says what to do).</exception>
    /// <exception cref="OperationCanceledException">Interrupted; the server cancelled the step and removed what it started.</exception>
    public static async Task<bool> TryRunAsync(BuildServerStepRequest request, ILogger logger, RunSummary summary, CancellationToken cancellationToken)
    {
        await Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (await ConnectionAsync(request, logger, cancellationToken).ConfigureAwait(false) is not { } connection) return false;
            var message = Messages.StepRequest(request.Step, request.Script, request.ArgumentValues(), request.WorkingDirectory, (int)LowestLevel(logger));
            try
            {
                await connection.RunStepAsync(message, logger, summary, cancellationToken).ConfigureAwait(false);
                return true;
            }
            catch (BuildServerLostException e)
            {
                StopUsing();
                cancellationToken.ThrowIfCancellationRequested();
                logger.LogWarning("The build server (pid {Pid}) ended during {Step} ({Reason}): this build runs {Step} and the steps after it itself",
                    connection.ServerPid, request.Step, e.Message, request.Step);
                return false;
            }
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>This process runs its steps itself from now on (the connection, and the project lock the server holds for it, released).</summary>
    private static void StopUsing()
    {
        _runsHere = true;
        _connection?.Dispose();
        _connection = null;
    }

    private static async Task<BuildServerConnection?> ConnectionAsync(BuildServerStepRequest request, ILogger logger, CancellationToken cancellationToken)
    {
        if (_runsHere) return null;
        if (_connection is not null) return _connection;
        _runsHere = true; // whatever happens below, unless a server welcomes this build
        var settings = PipelineSettingsResolver.BuildServer(request.Arguments, request.Environment);
        if (!settings.Enabled) return null;
        if (NotUsable(request) is { } reason)
        {
            logger.LogDebug("No build server: {Reason}", reason);
            return null;
        }
        var directory = BuildServerDirectory.Default(request.Environment);
        var identity = BuildServerIdentity.Current();
        var socketPath = Path.Combine(directory, identity.SocketName);
        if (socketPath.Length > BuildServerDirectory.MaxSocketPath || !BuildServerDirectory.EnsurePrivate(directory))
        {
            logger.LogDebug("No build server: {Directory} is not a private folder of this user with room for a socket's path", directory);
            return null;
        }
        var attempt = await BuildServerConnection.ConnectAsync(socketPath, identity, cancellationToken).ConfigureAwait(false);
        if (attempt.NobodyListens)
        {
            // Started now and used at once (as MSBuild's nodes are): this build pays its start, the next ones find it warm.
            BuildServerDirectory.TryDelete(socketPath);
            BuildServerDirectory.TryDelete(BuildServerDirectory.PidFileOf(socketPath));
            if (await BuildServerLauncher.StartAndWaitAsync(request.ServerAssembly, socketPath, identity, settings.IdleTimeout, StartBound, cancellationToken).ConfigureAwait(false) is { } notStarted)
            {
                logger.LogDebug("This build runs its steps itself: no build server runs for it, and none started ({Reason})", notStarted);
                return null;
            }
            logger.LogDebug("Started a build server at {Socket} for this build and the next ones (it exits after {Idle} without a build)", socketPath, settings.IdleTimeout);
            attempt = await BuildServerConnection.ConnectAsync(socketPath, identity, cancellationToken).ConfigureAwait(false);
        }
        if (attempt.Connection is { } connection)
        {
            logger.LogDebug("The steps run in the build server (pid {Pid}, {Socket}); --build-server=false runs them in this process", connection.ServerPid, socketPath);
            _runsHere = false;
            return _connection = connection;
        }
        logger.LogDebug("This build runs its steps itself: {Reason}", attempt.NotUsedBecause);
        return null;
    }

    /// <summary>How long a build waits for the server it started to listen: a .NET process's start, with room for a loaded machine.</summary>
    private static readonly TimeSpan StartBound = TimeSpan.FromSeconds(10);

    /// <summary>The most detailed level the build's log shows: the server sends nothing below it.</summary>
    private static LogLevel LowestLevel(ILogger logger)
    {
        for (var level = LogLevel.Trace; level < LogLevel.None; level++)
            if (logger.IsEnabled(level)) return level;
        return LogLevel.None;
    }

    private static string? NotUsable(BuildServerStepRequest request) =>
        !OperatingSystem.IsLinux() ? "build servers run on Linux only"
        : ProjectBuildLock.HoldsAnyForTheRun ? "this process holds the project's lock for its run (the build script started the pipeline itself)"
        : !File.Exists(request.ServerAssembly) ? $"{request.ServerAssembly} is not there"
        : null;
}
