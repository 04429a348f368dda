using System.Net;

namespace MiniContainer.Docker.Wire;

/// <summary>The engine answered a call with an error status; <see cref="EngineMessage"/> is its own text.</summary>
public sealed class EngineApiException(string operation, HttpStatusCode status, string engineMessage)
    : Exception($"{operation}: the Docker Engine answered {(int)status} ({status}): {engineMessage}")
{
    public HttpStatusCode StatusCode { get; } = status;

    public string EngineMessage { get; } = engineMessage;
}
