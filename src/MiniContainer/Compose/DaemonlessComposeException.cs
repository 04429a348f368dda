namespace MiniContainer.Compose;

/// <summary>The spec asks for something only an engine build can do (a RUN), or outputs cannot be written.</summary>
public sealed class DaemonlessComposeException(string message) : MiniContainerException(message);
