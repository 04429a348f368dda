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

    /// <summary>The engine's words in an error answer: the "message" of its JSON, else the body as text.</summary>
    public static string ErrorText(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            if (json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("message", out var message) && message.GetString() is { } text)
                return text;
        }
        catch (JsonException)
        {
        }
        return body.Trim();
    }
}
