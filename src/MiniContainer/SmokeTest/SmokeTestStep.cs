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

    /// <exception cref="SmokeTestFailedException">The check failed; the message holds the container's output.</exception>
    /// <exception cref="DockerImageMissingException">The image is not in the engine.</exception>
    public static Task<SmokeTestResult> RunAsync(DockerEngine engine, string image, SmokeTestSpec spec, ILogger? logger = null, CancellationToken cancellationToken = default)
    {
        logger ??= NullLogger.Instance;
        return spec.Server is null
            ? RunOneShotAsync(engine, image, spec, logger, cancellationToken)
            : RunServerAsync(engine, image, spec, spec.Server, logger, cancellationToken);
    }

    private static async Task<SmokeTestResult> RunOneShotAsync(DockerEngine engine, string image, SmokeTestSpec spec, ILogger logger, CancellationToken cancellationToken)
    {
        var output = new OutputLog();
        var clock = Stopwatch.StartNew();
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(spec.TimeLimit);
        ContainerExit exit;
        try
        {
            exit = await new ContainerRunner(engine).RunAsync(ContainerFor(image, spec, networkMode: spec.NetworkMode ?? "none"), output.Add, cancellationToken: limit.Token).ConfigureAwait(false);
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

    private static async Task<SmokeTestResult> RunServerAsync(DockerEngine engine, string image, SmokeTestSpec spec, ServerProbe probe, ILogger logger, CancellationToken cancellationToken)
    {
        var output = new OutputLog();
        var clock = Stopwatch.StartNew();
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(spec.TimeLimit);
        // Host network: containers here get no other network, and 127.0.0.1 reaches the server from this process.
        await using var container = await new ContainerRunner(engine).CreateAsync(ContainerFor(image, spec, networkMode: spec.NetworkMode ?? "host"), cancellationToken).ConfigureAwait(false);
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

    private static ContainerSpec ContainerFor(string image, SmokeTestSpec spec, string networkMode) => new()
    {
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
