using System.Net;
using System.Text.Json;

namespace MiniContainer.Docker.Wire;

/// <summary>The engine calls on containers: inspect, list, create, start, remove.</summary>
public sealed partial class EngineApi
{
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

    /// <summary>Every container (running or not) that carries the label ("key=value").</summary>
    public async Task<IReadOnlyList<EngineContainerSummary>> ListContainersAsync(string label, CancellationToken cancellationToken)
    {
        var filters = Uri.EscapeDataString(JsonObjectWriter.Object(writer =>
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
        var body = JsonObjectWriter.ObjectBytes(writer =>
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

    /// <summary>Removes the container, killing it if it runs; false when it was already gone.</summary>
    public async Task<bool> RemoveContainerAsync(string id, CancellationToken cancellationToken)
    {
        await using var response = await _http.SendAsync("DELETE", $"/containers/{id}?force=1", null, cancellationToken).ConfigureAwait(false);
        if (response.Status == HttpStatusCode.NotFound) return false;
        if (!response.IsSuccess) throw await response.ErrorAsync("container remove " + id, cancellationToken).ConfigureAwait(false);
        return true;
    }
}
