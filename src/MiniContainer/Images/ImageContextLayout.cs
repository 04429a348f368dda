namespace MiniContainer.Images;

/// <summary>Where each input sits in the build context the Dockerfile copies from.</summary>
public static class ImageContextLayout
{
    public const string Dockerfile = "Dockerfile";

    public const string AppFolder = "app";

    public const string CaBundle = "certs/ca-certificates.crt";

    public static string Binary(ImageBinary binary) => $"{AppFolder}/{binary.Name}";
}
