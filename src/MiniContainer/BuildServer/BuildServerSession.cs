using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using MiniContainer.Pipeline;

namespace MiniContainer.BuildServer;

/// <summary>
/// One build's connection to the server: its steps, one at a time, each with a fresh resolution of the settings as
/// the build's own process would make them. The run's state (the project lock held for the run, the engine probe)
/// ends when the build disconnects, whether it finished, failed or was killed.
/// </summary>
internal sealed class BuildServerSession(Stream stream, BuildServerIdentity identity, TextWriter diagnostics)
{
    private static readonly TimeSpan HelloTimeout = TimeSpan.FromSeconds(5);
    private readonly FrameWriter _writer = new(stream);

    /// <summary>Serves the connection until the build closes it or the server stops (which cancels a running step).</summary>
    public async Task ServeAsync(CancellationToken stopping)
    {
        if (!await GreetAsync(stopping).ConfigureAwait(false)) return;
        try
        {
            Task<JsonObject?>? next = null;
            while (true)
            {
                next ??= Frames.ReadAsync(stream, stopping);
                var message = await next.ConfigureAwait(false);
                next = null;
                if (message is null) return;
                if (Messages.TypeOf(message) != Messages.Step) continue; // a late cancel after its step ended
                next = await RunStepAsync(message, stopping).ConfigureAwait(false);
                if (next is null) return; // the build left during the step
            }
        }
        catch (Exception e) when (e is BuildServerProtocolException or IOException or System.Net.Sockets.SocketException or OperationCanceledException)
        {
            diagnostics.WriteLine($"{DateTime.UtcNow:O} connection ended: {e.Message}");
        }
        finally
        {
            RunState.EndRun();
        }
    }

    private async Task<bool> GreetAsync(CancellationToken stopping)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        timeout.CancelAfter(HelloTimeout);
        JsonObject? hello;
        try
        {
            hello = await Frames.ReadAsync(stream, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is BuildServerProtocolException or IOException or OperationCanceledException)
        {
            return false;
        }
        if (hello is null || Messages.TypeOf(hello) != Messages.Hello) return false;
        if (RefusalOf(hello) is { } reason)
        {
            _writer.TryWrite(new JsonObject { ["type"] = Messages.Refused, ["reason"] = reason, ["pid"] = Environment.ProcessId });
            return false;
        }
        return _writer.TryWrite(new JsonObject { ["type"] = Messages.Welcome, ["pid"] = Environment.ProcessId, ["version"] = identity.Version, ["codeId"] = identity.CodeId });
    }

    /// <summary>Why this server cannot run a build's steps: another version, another build of it, another environment.</summary>
    private string? RefusalOf(JsonObject hello) =>
        hello.Text("version") != identity.Version ? $"it is MiniContainer {identity.Version}, the build {hello.Text("version")}"
        : hello.Text("codeId") != identity.CodeId ? $"it runs another build of MiniContainer {identity.Version} ({identity.CodeId[..8]}, the build {hello.Text("codeId")?[..Math.Min(8, hello.Text("codeId")!.Length)]})"
        : hello.Text("key") != identity.Key ? "it was started in another environment, folder or umask"
        : null;

    /// <summary>Runs one step; returns the read of the build's next message, or null when the build left meanwhile.</summary>
    private async Task<Task<JsonObject?>?> RunStepAsync(JsonObject request, CancellationToken stopping)
    {
        using var step = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        var running = RunAsync(request, step.Token);
        var next = Frames.ReadAsync(stream, stopping);
        var left = false;
        while (!running.IsCompleted)
        {
            if (await Task.WhenAny((Task)running, next).ConfigureAwait(false) != next) break;
            JsonObject? message;
            try
            {
                message = await next.ConfigureAwait(false);
            }
            catch (Exception e) when (e is BuildServerProtocolException or IOException or System.Net.Sockets.SocketException or OperationCanceledException)
            {
                message = null; // the build left, or the server stops
            }
            // Only a cancel may come during a step; anything else is taken for one too.
            left = message is null;
            step.Cancel();
            if (left) break;
            next = Frames.ReadAsync(stream, stopping);
        }
        var end = await running.ConfigureAwait(false);
        if (left || !_writer.TryWrite(end)) return null;
        return next;
    }

    private async Task<JsonObject> RunAsync(JsonObject request, CancellationToken cancellationToken)
    {
        var stepName = request.Text("step") ?? "";
        var logger = new FrameLogger(_writer, (LogLevel)Math.Clamp(request.Number("level") ?? (int)LogLevel.Information, 0, 6));
        var summary = new RunSummary();
        summary.EntryAdded += entry => _writer.TryWrite(Messages.SummaryEntry(entry));
        MiniContainerPipeline pipeline;
        try
        {
            if (!MiniContainerPipeline.StepNames.Contains(stepName)) throw new BuildServerProtocolException($"'{stepName}' is not a step");
            var script = ScriptSnapshot.Read(request);
            var workingDirectory = request.Text("workingDirectory") is { Length: > 0 } folder ? folder : Directory.GetCurrentDirectory();
            pipeline = await MiniContainerPipeline.StartAsync(script, new DictionaryArgumentSource(Messages.ArgumentsOf(request)), Environment.GetEnvironmentVariable,
                workingDirectory, logger, summary, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            return Outcome(e, cancellationToken, "Settings");
        }
        try
        {
            await pipeline.RunStepAsync(stepName, cancellationToken).ConfigureAwait(false);
            return Messages.EndOf(Messages.Done);
        }
        catch (Exception e)
        {
            return Outcome(e, cancellationToken, stepName);
        }
    }

    private JsonObject Outcome(Exception e, CancellationToken cancellationToken, string during)
    {
        if (e is OperationCanceledException && cancellationToken.IsCancellationRequested) return Messages.EndOf(Messages.Cancelled, during: during);
        if (e is MiniContainerException) return Messages.EndOf(Messages.Failed, e.Message, during);
        diagnostics.WriteLine($"{DateTime.UtcNow:O} {during} faulted: {e}");
        return Messages.EndOf(Messages.Fault, e.ToString(), during);
    }
}
