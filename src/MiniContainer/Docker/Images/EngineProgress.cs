using Docker.DotNet.Models;

namespace MiniContainer.Docker.Images;

/// <summary>
/// Receives the engine's JSON messages as they arrive (synchronously, unlike Progress&lt;T&gt;, so
/// nothing is still in flight when the call returns).
/// </summary>
internal sealed class EngineProgress(Action<JSONMessage> onMessage) : IProgress<JSONMessage>
{
    public void Report(JSONMessage value) => onMessage(value);
}
