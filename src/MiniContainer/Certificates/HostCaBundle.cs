namespace MiniContainer.Certificates;

/// <summary>
/// This machine's own CA bundle, for builds without an engine (no builder image to copy one out of):
/// the first of the files the common distributions keep it in.
/// </summary>
public static class HostCaBundle
{
    /// <summary>Debian/Ubuntu/Alpine (ca-certificates), Fedora/RHEL, openSUSE, Alpine's libressl link.</summary>
    public static IReadOnlyList<string> KnownPaths { get; } =
    [
        "/etc/ssl/certs/ca-certificates.crt",
        "/etc/pki/tls/certs/ca-bundle.crt",
        "/etc/ssl/ca-bundle.pem",
        "/etc/ssl/cert.pem",
    ];

    /// <summary>The first known bundle that exists.</summary>
    /// <exception cref="MiniContainerException">None exists (install ca-certificates, or name a PEM file).</exception>
    public static string Find(Func<string, bool>? fileExists = null)
    {
        fileExists ??= File.Exists;
        return KnownPaths.FirstOrDefault(fileExists)
            ?? throw new MiniContainerException($"This machine has no CA bundle in any of {string.Join(", ", KnownPaths)}: install ca-certificates, or name a PEM file for the image's CA bundle.");
    }
}
