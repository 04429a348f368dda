namespace MiniContainer.Images;

/// <summary>The runtime image spec asks for something that cannot be built; the message says what.</summary>
public sealed class InvalidRuntimeImageSpecException(string message) : MiniContainerException(message);
