namespace MiniContainer.Certificates;

/// <summary>A file given as CA certificates holds none that parse; the message names the file.</summary>
public sealed class InvalidCertificateFileException(string file, string reason)
    : MiniContainerException($"The CA certificate file {file} {reason} Give a PEM file with one or more '-----BEGIN CERTIFICATE-----' blocks.")
{
    public string File { get; } = file;
}
