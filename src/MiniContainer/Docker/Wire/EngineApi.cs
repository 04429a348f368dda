using System.Net;
using System.Text.Json;

namespace MiniContainer.Docker.Wire;

/// <summary>
/// The engine calls every build makes (ping, inspect, exec, list, load, tag, volumes, and the warm builder's create and start), over <see cref="EngineHttp"/>
/// with JSON read and written by System.Text.Json's reader and writer: no contract types to load.
/// The rest of the API (build, push, pull, run-to-completion containers, archives) stays with Docker.DotNet.
/// </summary>
public sealed class EngineApi
{
    private readonly EngineHttp _http;

    /// <param name="tls">TLS for a TCP endpoint; ignored for unix sockets and named pipes.</param>
    internal EngineApi(Uri endpoint, DockerTls? tls = null)
    {
        Tls = endpoint.Scheme is "tcp" or "http" ? tls : null;
        _http = new EngineHttp(endpoint, Tls);
    }

    public Uri Endpoint => _http.Endpoint;

    /// <summary>The TLS this client speaks to the engine; null for a plain connection.</summary>
    public DockerTls? Tls { get; }

    /// <summary>Whether the endpoint can be reached by this client (unix, tcp and npipe endpoints).</summary>
    public static bool Supports(Uri endpoint) => EngineSocket.Supports(endpoint);

    public async Task PingAsync(CancellationToken cancellationToken)
    {
        await using var response = await _http.SendAsync("GET", "/_ping", null, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccess) throw await response.ErrorAsync("ping", cancellationToken).ConfigureAwait(false);
        await response.ReadBodyAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The image, or null when the engine does not have it.</summary>
    public async Task<EngineImage?> InspectImageAsync(string reference, CancellationToken cancellationToken)
    {
        using var json = await GetJsonOrNullAsync($"/images/{reference}/json", "image inspect " + reference, cancellationToken).ConfigureAwait(false);
        if (json is null) return null;
        var root = json.RootElement;
        return new EngineImage(root.GetProperty("Id").GetString()!, root.TryGetProperty("Size", out var size) ? size.GetInt64() : 0);
    }

    /// <summary>The named volume's creation time as the engine reports it, or null when there is no such volume.</summary>
    public async Task<string?> VolumeCreatedAtAsync(string name, CancellationToken cancellationToken)
    {
        using var json = await GetJsonOrNullAsync($"/volumes/{name}", "volume inspect " + name, cancellationToken).ConfigureAwait(false);
        return json is not null && json.RootElement.TryGetProperty("CreatedAt", out var created) ? created.GetString() : null;
    }

    /// <summary>The container, or null when there is none of that name or ID.</summary>
    public async Task<EngineContainer?> InspectContainerAsync(string nameOrId, CancellationToken cancellationToken)
    {
        using var json = await GetJsonOrNullAsync($"/containers/{nameOrId}/json", "container inspect " + nameOrId, cancellationToken).ConfigureAwait(false);
        if (json is null) return null;
        var root = json.RootElement;
        var state = root.TryGetProperty("State", out var s) && s.ValueKind == JsonValueKind.Object ? s : default;
        return new EngineContainer(
            root.GetProperty("Id").GetString()!,
            state.ValueKind == JsonValueKind.Object && state.TryGetProperty("Running", out var running) && running.GetBoolean(),
            state.ValueKind == JsonValueKind.Object && state.TryGetProperty("StartedAt", out var started) ? started.GetString() : null,
            root.TryGetProperty("Config", out var config) && config.ValueKind == JsonValueKind.Object ? Labels(config) : new Dictionary<string, string>(),
            Strings(root, "ExecIDs"));
    }

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

    /// <summary>Every container (running or not) that carries the label ("key=value").</summary>
    public async Task<IReadOnlyList<EngineContainerSummary>> ListContainersAsync(string label, CancellationToken cancellationToken)
    {
        var filters = Uri.EscapeDataString(JsonSerializerFree.Object(writer =>
        {
            writer.WriteStartObject("label");
            writer.WriteBoolean(label, true);
            writer.WriteEndObject();
        }));
        using var json = await GetJsonOrNullAsync($"/containers/json?all=1&filters={filters}", "container list", cancellationToken).ConfigureAwait(false);
        return json!.RootElement.EnumerateArray().Select(c => new EngineContainerSummary(c.GetProperty("Id").GetString()!, Labels(c))).ToList();
    }

    /// <summary>Creates the container; returns its ID.</summary>
    /// <exception cref="EngineApiException">The engine refused, e.g. 409 Conflict when the name is taken, 404 when the image is missing.</exception>
    public async Task<string> CreateContainerAsync(EngineContainerCreation container, CancellationToken cancellationToken)
    {
        var body = JsonSerializerFree.ObjectBytes(writer =>
        {
            writer.WriteString("Image", container.Image);
            WriteStrings(writer, "Entrypoint", container.Entrypoint);
            WriteStrings(writer, "Cmd", container.Command);
            if (container.WorkingDirectory is not null) writer.WriteString("WorkingDir", container.WorkingDirectory);
            if (container.User is not null) writer.WriteString("User", container.User);
            writer.WriteStartObject("Labels");
            foreach (var (name, value) in container.Labels) writer.WriteString(name, value);
            writer.WriteEndObject();
            writer.WriteStartObject("HostConfig");
            writer.WriteBoolean("AutoRemove", container.AutoRemove);
            if (container.NetworkMode is not null) writer.WriteString("NetworkMode", container.NetworkMode);
            WriteStrings(writer, "Binds", container.Binds);
            writer.WriteStartArray("Mounts");
            foreach (var (volume, target) in container.VolumeMounts)
            {
                writer.WriteStartObject();
                writer.WriteString("Type", "volume");
                writer.WriteString("Source", volume);
                writer.WriteString("Target", target);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
        });
        await using var response = await _http.SendAsync("POST", $"/containers/create?name={Uri.EscapeDataString(container.Name)}", EngineRequestBody.Json(body), cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccess) throw await response.ErrorAsync("container create " + container.Name, cancellationToken).ConfigureAwait(false);
        using var json = JsonDocument.Parse(await response.ReadBodyAsync(cancellationToken).ConfigureAwait(false));
        return json.RootElement.GetProperty("Id").GetString()!;
    }

    public async Task StartContainerAsync(string id, CancellationToken cancellationToken)
    {
        await using var response = await _http.SendAsync("POST", $"/containers/{id}/start", null, cancellationToken).ConfigureAwait(false);
        // 304: it already runs.
        if (!response.IsSuccess && response.Status != HttpStatusCode.NotModified) throw await response.ErrorAsync("container start " + id, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Creates the named volume with the labels; the engine keeps an existing volume of that name as it is.</summary>
    public async Task CreateVolumeAsync(string name, IReadOnlyDictionary<string, string> labels, CancellationToken cancellationToken)
    {
        var body = JsonSerializerFree.ObjectBytes(writer =>
        {
            writer.WriteString("Name", name);
            writer.WriteStartObject("Labels");
            foreach (var (label, value) in labels) writer.WriteString(label, value);
            writer.WriteEndObject();
        });
        await using var response = await _http.SendAsync("POST", "/volumes/create", EngineRequestBody.Json(body), cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccess) throw await response.ErrorAsync("volume create " + name, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Removes the container, killing it if it runs; false when it was already gone.</summary>
    public async Task<bool> RemoveContainerAsync(string id, CancellationToken cancellationToken)
    {
        await using var response = await _http.SendAsync("DELETE", $"/containers/{id}?force=1", null, cancellationToken).ConfigureAwait(false);
        if (response.Status == HttpStatusCode.NotFound) return false;
        if (!response.IsSuccess) throw await response.ErrorAsync("container remove " + id, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>Creates an exec of the command in the running container, with stdout and stderr attached; returns its ID.</summary>
    public async Task<string> CreateExecAsync(string containerId, IReadOnlyList<string> command, IReadOnlyList<string> environment, string? workingDirectory, CancellationToken cancellationToken)
    {
        var body = JsonSerializerFree.ObjectBytes(writer =>
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
        var body = JsonSerializerFree.ObjectBytes(writer =>
        {
            writer.WriteBoolean("Detach", false);
            writer.WriteBoolean("Tty", false);
        });
        var response = await _http.SendAsync("POST", $"/exec/{execId}/start", EngineRequestBody.Json(body), cancellationToken).ConfigureAwait(false);
        if (response.IsSuccess || response.Status == HttpStatusCode.SwitchingProtocols) return response;
        await using (response)
            throw await response.ErrorAsync("exec start", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Loads a docker-archive that <paramref name="writeArchive"/> writes as it is sent (what <c>docker load</c> does);
    /// returns the engine's "Loaded image: …" lines.
    /// </summary>
    /// <exception cref="EngineApiException">The engine refused the archive (its own words).</exception>
    public async Task<IReadOnlyList<string>> LoadImageAsync(Func<Stream, CancellationToken, Task> writeArchive, CancellationToken cancellationToken)
    {
        await using var response = await _http.SendAsync("POST", "/images/load?quiet=1", EngineRequestBody.Streamed("application/x-tar", writeArchive), cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccess) throw await response.ErrorAsync("image load", cancellationToken).ConfigureAwait(false);
        var loaded = new List<string>();
        foreach (var message in EngineMessages.Split(await response.ReadBodyAsync(cancellationToken).ConfigureAwait(false)))
        {
            if (message.Error is { } error) throw new EngineApiException("image load", HttpStatusCode.OK, error);
            loaded.AddRange((message.Stream ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        }
        return loaded;
    }

    /// <summary>Tags the image as repository:tag (replacing what that tag named before).</summary>
    public async Task TagImageAsync(string image, string repository, string? tag, CancellationToken cancellationToken)
    {
        var query = $"repo={Uri.EscapeDataString(repository)}" + (tag is null ? "" : $"&tag={Uri.EscapeDataString(tag)}");
        await using var response = await _http.SendAsync("POST", $"/images/{image}/tag?{query}", null, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccess) throw await response.ErrorAsync($"image tag {repository}:{tag}", cancellationToken).ConfigureAwait(false);
    }

    private async Task<JsonDocument?> GetJsonOrNullAsync(string pathAndQuery, string operation, CancellationToken cancellationToken)
    {
        await using var response = await _http.SendAsync("GET", pathAndQuery, null, cancellationToken).ConfigureAwait(false);
        if (response.Status == HttpStatusCode.NotFound) return null;
        if (!response.IsSuccess) throw await response.ErrorAsync(operation, cancellationToken).ConfigureAwait(false);
        return JsonDocument.Parse(await response.ReadBodyAsync(cancellationToken).ConfigureAwait(false));
    }

    private static Dictionary<string, string> Labels(JsonElement owner)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (owner.TryGetProperty("Labels", out var map) && map.ValueKind == JsonValueKind.Object)
            foreach (var label in map.EnumerateObject())
                labels[label.Name] = label.Value.GetString() ?? "";
        return labels;
    }

    private static List<string> Strings(JsonElement owner, string property) =>
        owner.TryGetProperty(property, out var array) && array.ValueKind == JsonValueKind.Array
            ? array.EnumerateArray().Select(e => e.GetString() ?? "").ToList()
            : [];

    private static void WriteStrings(Utf8JsonWriter writer, string property, IReadOnlyList<string> values)
    {
        writer.WriteStartArray(property);
        foreach (var value in values) writer.WriteStringValue(value);
        writer.WriteEndArray();
    }
}
