
namespace MiniContainer.Docker.Wire;

/// <summary>The engine calls on named volumes: create, inspect.</summary>
public sealed partial class EngineApi
{
    /// <summary>The named volume's creation time as the engine reports it, or null when there is no such volume.</summary>
    public async Task<string?> VolumeCreatedAtAsync(string name, CancellationToken cancellationToken)
    {
        using var json = await GetJsonOrNullAsync($"/volumes/{name}", "volume inspect " + name, cancellationToken).ConfigureAwait(false);
        return json is not null && json.RootElement.TryGetProperty("CreatedAt", out var created) ? created.GetString() : null;
    }

    /// <summary>Creates the named volume with the labels; the engine keeps an existing volume of that name as it is.</summary>
    public async Task CreateVolumeAsync(string name, IReadOnlyDictionary<string, string> labels, CancellationToken cancellationToken)
    {
        var body = JsonObjectWriter.ObjectBytes(writer =>
        {
            writer.WriteString("Name", name);
            writer.WriteStartObject("Labels");
            foreach (var (label, value) in labels) writer.WriteString(label, value);
            writer.WriteEndObject();
        });
        await using var response = await _http.SendAsync("POST", "/volumes/create", EngineRequestBody.Json(body), cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccess) throw await response.ErrorAsync("volume create " + name, cancellationToken).ConfigureAwait(false);
    }
}
