using System.Net;
using System.Text.Json;

namespace MiniContainer.Docker.Wire;

/// <summary>The engine calls on execs in a running container: create, start attached, inspect.</summary>
public sealed partial class EngineApi
{
    /// <summary>The exec, or null when the engine no longer knows it.</summary>
    public async Task<EngineExec?> InspectExecAsync(string execId, CancellationToken cancellationToken)
    {
        using var json = await GetJsonOrNullAsync($"/exec/{execId}/json", "exec inspect", cancellationToken).ConfigureAwait(false);
        if (json is null) return null;
        var root = json.RootElement;
        var command = new List<string>();
        if (root.TryGetProperty("ProcessConfig", out var process) && process.ValueKind == JsonValueKind.Object)
        {
            if (process.TryGetProperty("entrypoint", out var entrypoint) && entrypoint.GetString() is { } program) command.Add(program);
            command.AddRange(Strings(process, "arguments"));
        }
        return new EngineExec(
            root.TryGetProperty("Running", out var running) && running.GetBoolean(),
            root.TryGetProperty("ExitCode", out var exit) && exit.ValueKind == JsonValueKind.Number ? exit.GetInt64() : null,
            command);
    }

    /// <summary>Creates an exec of the command in the running container, with stdout and stderr attached; returns its ID.</summary>
    public async Task<string> CreateExecAsync(string containerId, IReadOnlyList<string> command, IReadOnlyList<string> environment, string? workingDirectory, CancellationToken cancellationToken)
    {
        var body = JsonObjectWriter.ObjectBytes(writer =>
        {
            writer.WriteBoolean("AttachStdout", true);
            writer.WriteBoolean("AttachStderr", true);
            WriteStrings(writer, "Cmd", command);
            WriteStrings(writer, "Env", environment);
            if (workingDirectory is not null) writer.WriteString("WorkingDir", workingDirectory);
        });
        await using var response = await _http.SendAsync("POST", $"/containers/{containerId}/exec", EngineRequestBody.Json(body), cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccess) throw await response.ErrorAsync("exec create", cancellationToken).ConfigureAwait(false);
        using var json = JsonDocument.Parse(await response.ReadBodyAsync(cancellationToken).ConfigureAwait(false));
        return json.RootElement.GetProperty("Id").GetString()!;
    }

    /// <summary>Starts the exec attached: the answer's body is its stdout and stderr, multiplexed (<see cref="MultiplexedFrames"/>), until it ends.</summary>
    internal async Task<EngineResponse> StartExecAsync(string execId, CancellationToken cancellationToken)
    {
        var body = JsonObjectWriter.ObjectBytes(writer =>
        {
            writer.WriteBoolean("Detach", false);
            writer.WriteBoolean("Tty", false);
        });
        var response = await _http.SendAsync("POST", $"/exec/{execId}/start", EngineRequestBody.Json(body), cancellationToken).ConfigureAwait(false);
        if (response.IsSuccess || response.Status == HttpStatusCode.SwitchingProtocols) return response;
        await using (response)
            throw await response.ErrorAsync("exec start", cancellationToken).ConfigureAwait(false);
    }
}
