using System.Net;
using System.Text.Json;
using Docker.DotNet;

namespace MiniContainer.Docker;

/// <summary>The engine answered a call with an error status; <see cref="EngineMessage"/> is its own text.</summary>
public sealed class EngineApiException(string operation, HttpStatusCode status, string engineMessage, Exception? inner = null)
    : Exception($"{operation}: the Docker Engine answered {(int)status} ({status}): {engineMessage}", inner)
{
    public HttpStatusCode StatusCode { get; } = status;

    public string EngineMessage { get; } = engineMessage;

    internal static EngineApiException From(string operation, DockerApiException e) => new(operation, e.StatusCode, EngineText(e), e);

    /// <summary>The engine's words in an error answer: the "message" of its JSON, else the body as text.</summary>
    internal static string EngineText(DockerApiException e)
    {
        var body = e.ResponseBody ?? "";
        try
        {
            using var json = JsonDocument.Parse(body);
            if (json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("message", out var message) && message.GetString() is { Length: > 0 } text)
                return text;
        }
        catch (JsonException)
        {
        }
        return body.Trim() is { Length: > 0 } plain ? plain : e.Message;
    }
}
