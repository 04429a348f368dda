namespace MiniContainer.Compose.MultiPlatform;

/// <summary>The list of target platforms cannot be built; the message names the entry and the form expected.</summary>
public sealed class InvalidPlatformListException(string message) : MiniContainerException(message);
