namespace MiniContainer.Docker.Credentials;

/// <summary>Credentials could not be read (bad config.json, a helper that fails); never holds a secret.</summary>
public sealed class RegistryCredentialsException(string message) : MiniContainerException(message);
