using System.Net;
using System.Text.Json;

namespace MiniContainer.Docker.Wire;

/// <summary>
/// The engine calls every build makes (ping; images, containers, execs and volumes in the other parts of
/// this class), over <see cref="EngineHttp"/> with JSON read and written by System.Text.Json's reader and
/// writer: no contract types to load. The rest of the API (build, push, pull, run-to-completion
/// containers, archives) stays with Docker.DotNet.
/// </summary>
public sealed partial class EngineApi
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
