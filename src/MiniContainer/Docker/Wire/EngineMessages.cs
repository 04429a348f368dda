using System.Text.Json;

namespace MiniContainer.Docker.Wire;

/// <summary>The engine's progress stream: JSON messages one after another, each with a "stream" text or an "error".</summary>
internal static class EngineMessages
{
    public sealed record Message(string? Stream, string? Error);

    public static IReadOnlyList<Message> Split(byte[] body)
    {
        var messages = new List<Message>();
        var reader = new Utf8JsonReader(body, new JsonReaderOptions { AllowMultipleValues = true });
        while (reader.Read())
        {
            using (var document = JsonDocument.ParseValue(ref reader))
            {
                var root = document.RootElement;
                if (root.ValueKind != JsonValueKind.Object) continue;
                string? error = null;
                if (root.TryGetProperty("errorDetail", out var detail) && detail.ValueKind == JsonValueKind.Object && detail.TryGetProperty("message", out var m)) error = m.GetString();
                if (error is null && root.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.String) error = e.GetString();
                messages.Add(new Message(root.TryGetProperty("stream", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString() : null, error is { Length: > 0 } ? error : null));
            }
        }
        return messages;
    }
}
