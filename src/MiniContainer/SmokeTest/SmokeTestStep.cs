using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MiniContainer.Docker;

namespace MiniContainer.SmokeTest;

/// <summary>
/// The SmokeTest step: runs the image under a time limit and checks it starts (exit code and output,
/// or a running server that answers HTTP). The container is removed whatever happens.
/// </summary>
public static class SmokeTestStep
{
    public const string StepName = "smoke-test";

    /// <summary>
    /// Runs the check; under <see cref="SmokeTestSpec.Hardened"/> as a hardened cluster runs containers. When it fails
    /// there and passes without the restrictions, the message names the one restriction the program needs lifted.
    /// </summary>
    /// <exception cref="SmokeTestFailedException">The check failed; the message holds the container's output.</exception>
    /// <exception cref="DockerImageMissingException">The image is not in the engine.</exception>
    public static async Task<SmokeTestResult> RunAsync(DockerEngine engine, string image, SmokeTestSpec spec, ILogger? logger = null, CancellationToken cancellationToken = default)
    {
        logger ??= NullLogger.Instance;
        var hardening = spec.Hardened ? ContainerHardening.Full : null;
        try
        {
            return await CheckAsync(engine, image, spec, hardening, logger, cancellationToken).ConfigureAwait(false);
        }
        catch (SmokeTestFailedException failed) when (hardening is not null && !cancellationToken.IsCancellationRequested)
        {
            // A program broken whatever the runtime fails the same way unhardened: its own failure stands.
            if (!await PassesAsync(engine, image, spec, null, cancellationToken).ConfigureAwait(false)) throw;
            logger.LogInformation("SmokeTest: {Image} passes without the hardened runtime's restrictions; finding the one it needs lifted", image);
            foreach (var (restriction, lifted) in hardening.EachLifted())
                if (await PassesAsync(engine, image, spec, lifted, cancellationToken).ConfigureAwait(false))
                    throw HardenedFailure(failed, $"It passes with {restriction} lifted, so a cluster that enforces it would fail it the same way: {Advice(restriction)}.");
            throw HardenedFailure(failed, "It passes without the hardened runtime's restrictions, but not with any one of them lifted alone.");
        }
    }

    private static Task<SmokeTestResult> CheckAsync(DockerEngine engine, string image, SmokeTestSpec spec, ContainerHardening? hardening, ILogger logger, CancellationToken cancellationToken) =>
        spec.Server is null
            ? RunOneShotAsync(engine, image, spec, hardening, logger, cancellationToken)
            : RunServerAsync(engine, image, spec, spec.Server, hardening, logger, cancellationToken);

    /// <summary>Whether the check passes under these restrictions (a diagnosis run: nothing logged).</summary>
    private static async Task<bool> PassesAsync(DockerEngine engine, string image, SmokeTestSpec spec, ContainerHardening? hardening, CancellationToken cancellationToken)
    {
        try
        {
            await CheckAsync(engine, image, spec, hardening, NullLogger.Instance, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (SmokeTestFailedException)
        {
            return false;
        }
    }

    private static string Advice(string restriction) => restriction switch
    {
        _ when restriction.StartsWith("a read-only", StringComparison.Ordinal) => "write only to /tmp or to a volume mounted for it",
        _ when restriction.StartsWith("all capabilities", StringComparison.Ordinal) => "it needs a capability (a port below 1024 needs NET_BIND_SERVICE: listen on a higher one)",
        _ => "it relies on a setuid or file-capability program",
    };

    private static SmokeTestFailedException HardenedFailure(SmokeTestFailedException failed, string why) =>
        new(failed.Image, $"{failed.Reason} {why} It ran as a hardened cluster runs containers (read-only root file system with a tmpfs /tmp, all capabilities dropped, " +
                          "no new privileges, the image's own user); --smoke-test-hardened=false checks it without.", failed.Output);

    private static async Task<SmokeTestResult> RunOneShotAsync(DockerEngine engine, string image, SmokeTestSpec spec, ContainerHardening? hardening, ILogger logger, CancellationToken cancellationToken)
    {
        var output = new OutputLog();
        var clock = Stopwatch.StartNew();
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(spec.TimeLimit);
        // The default check: a program still running by then is taken for a server, and passes.
        using var stillRunning = CancellationTokenSource.CreateLinkedTokenSource(limit.Token);
        if (spec.PassesStillRunningAfter is { } serverAfter && serverAfter < spec.TimeLimit) stillRunning.CancelAfter(serverAfter);
        ContainerExit exit;
        try
        {
            exit = await new ContainerRunner(engine).RunAsync(ContainerFor(image, spec, spec.NetworkMode ?? "none", hardening), output.Add, cancellationToken: stillRunning.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!limit.IsCancellationRequested && spec.PassesStillRunningAfter is { } after)
        {
            var running = $"still running after {after.TotalSeconds:0.#} s, taken for a server";
            logger.LogInformation("SmokeTest: {Image} passed ({What})", image, running);
            return new SmokeTestResult(image, running, clock.Elapsed, output.Lines);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw Fail(logger, image, $"it did not exit within the time limit of {spec.TimeLimit.TotalSeconds:0.#} s.", output.Lines);
        }

        if (exit.ExitCode != spec.ExpectedExitCode)
            throw Fail(logger, image, $"it exited with code {exit.ExitCode}, expected {spec.ExpectedExitCode}.", output.Lines);
        if (spec.ExpectedOutput is { } expected && !exit.OutputText.Contains(expected, StringComparison.Ordinal))
            throw Fail(logger, image, $"its output does not contain \"{expected}\".", output.Lines);

        var what = $"exit code {exit.ExitCode}" + (spec.ExpectedOutput is null ? "" : $", output contains \"{spec.ExpectedOutput}\"");
        logger.LogInformation("SmokeTest: {Image} passed ({What}) in {Seconds:0.00} s", image, what, clock.Elapsed.TotalSeconds);
        return new SmokeTestResult(image, what, clock.Elapsed, output.Lines);
    }

    private static async Task<SmokeTestResult> RunServerAsync(DockerEngine engine, string image, SmokeTestSpec spec, ServerProbe probe, ContainerHardening? hardening, ILogger logger, CancellationToken cancellationToken)
    {
        var output = new OutputLog();
        var clock = Stopwatch.StartNew();
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(spec.TimeLimit);
        // Host network: containers here get no other network, and 127.0.0.1 reaches the server from this process.
        await using var container = await new ContainerRunner(engine).CreateAsync(ContainerFor(image, spec, spec.NetworkMode ?? "host", hardening), cancellationToken).ConfigureAwait(false);
        using var stopFollowing = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Task following = Task.CompletedTask;
        try
        {
            await container.StartAsync(limit.Token).ConfigureAwait(false);
            following = container.FollowOutputAsync(output.Add, stopFollowing.Token);

            await Task.Delay(probe.StillRunningAfter, limit.Token).ConfigureAwait(false);
            if (!await container.IsRunningAsync(limit.Token).ConfigureAwait(false))
            {
                var exitCode = await container.WaitAsync(limit.Token).ConfigureAwait(false);
                await WaitBrieflyAsync(following).ConfigureAwait(false);
                throw Fail(logger, image, $"the server exited with code {exitCode} before {probe.StillRunningAfter.TotalSeconds:0.#} s had passed.", output.Lines);
            }

            var url = $"http://127.0.0.1:{probe.Port}{probe.Path}";
            var status = await ProbeAsync(url, probe, limit.Token).ConfigureAwait(false);
            var what = $"still running after {probe.StillRunningAfter.TotalSeconds:0.#} s, GET {url} answered {status}";
            logger.LogInformation("SmokeTest: {Image} passed ({What}) in {Seconds:0.00} s", image, what, clock.Elapsed.TotalSeconds);
            return new SmokeTestResult(image, what, clock.Elapsed, output.Lines);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw Fail(logger, image, $"no HTTP answer on 127.0.0.1:{probe.Port}{probe.Path} within the time limit of {spec.TimeLimit.TotalSeconds:0.#} s.", output.Lines);
        }
        finally
        {
            stopFollowing.Cancel();
            await WaitBrieflyAsync(following).ConfigureAwait(false);
        }
    }

    private static async Task<int> ProbeAsync(string url, ServerProbe probe, CancellationToken cancellationToken)
    {
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(5) };
        while (true)
        {
            try
            {
                using var response = await http.GetAsync(url, cancellationToken).ConfigureAwait(false);
                var status = (int)response.StatusCode;
                if (probe.ExpectedStatus is null || probe.ExpectedStatus == status) return status;
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
            }
            await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken).ConfigureAwait(false);
        }
    }

    private static ContainerSpec ContainerFor(string image, SmokeTestSpec spec, string networkMode, ContainerHardening? hardening) => new()
    {
        Hardening = hardening,
        Image = image,
        Command = spec.Arguments ?? [],
        Step = StepName,
        Environment = spec.Environment,
        User = spec.User,
        NetworkMode = networkMode,
    };

    private static SmokeTestFailedException Fail(ILogger logger, string image, string reason, IReadOnlyList<ContainerOutputLine> output)
    {
        logger.LogError("SmokeTest: {Image} failed: {Reason}", image, reason);
        foreach (var line in output.TakeLast(50)) logger.LogError("  | {Line}", line.Text);
        return new SmokeTestFailedException(image, reason, output);
    }

    private static async Task WaitBrieflyAsync(Task task)
    {
        try
        {
            await task.WaitAsync(TimeSpan.FromSeconds(2)).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // The log stream ends with the container or with cancellation; either is fine here.
        }
    }

    private sealed class OutputLog
    {
        private readonly List<ContainerOutputLine> _lines = [];

        public void Add(ContainerOutputLine line)
        {
            lock (_lines)
            {
                _lines.Add(line);
                if (_lines.Count > 4000) _lines.RemoveAt(0);
            }
        }

        public IReadOnlyList<ContainerOutputLine> Lines
        {
            get { lock (_lines) return _lines.ToList(); }
        }
    }
}
