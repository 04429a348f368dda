namespace MiniContainer.Registry;

/// <summary>Plain HTTP was asked for a registry that is neither loopback nor named insecure; the message says how to allow it.</summary>
public sealed class PlainHttpRefusedException(string registry) : MiniContainerException(
    $"Plain HTTP to the registry {registry} is refused: it is not on loopback, so images and credentials would cross the network unencrypted. " +
    $"Serve it over https, or name it insecure: --insecure-registry={registry} ({RegistryTransport.InsecureRegistryVariable}={registry}; several comma-separated).")
{
    public string Registry { get; } = registry;
}
