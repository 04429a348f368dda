namespace MiniContainer.BuildServer;

/// <summary>The other end of a build server's socket sent what the protocol does not allow (or nothing, when it ended).</summary>
public sealed class BuildServerProtocolException(string message) : Exception(message);
