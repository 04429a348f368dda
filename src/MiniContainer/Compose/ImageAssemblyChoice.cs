using MiniContainer.Images;

namespace MiniContainer.Compose;

/// <summary>Which way the Image step puts a spec's image together in the engine.</summary>
public static class ImageAssemblyChoice
{
    /// <summary><see cref="ImageAssembly.Load"/> or <see cref="ImageAssembly.DockerfileBuild"/> for the requested assembly.</summary>
    /// <param name="baseInEngine">The base is scratch or an image the engine holds.</param>
    /// <exception cref="InvalidRuntimeImageSpecException">Load was asked for a spec that cannot be loaded.</exception>
    public static ImageAssembly Choose(ImageAssembly requested, RuntimeImageSpec spec, bool baseInEngine)
    {
        if (requested == ImageAssembly.DockerfileBuild) return ImageAssembly.DockerfileBuild;
        string? why = spec.InstallCaCertificatesWithApk
            ? "it runs apk add ca-certificates in the image, which only a build can do: stage a CA bundle instead (CaCertificatesStep)"
            : !baseInEngine
                ? $"its base {spec.BaseImage} is not in the engine: pull it first"
                : null;
        if (why is null) return ImageAssembly.Load;
        if (requested == ImageAssembly.Load)
            throw new InvalidRuntimeImageSpecException($"The image cannot be loaded ({nameof(ImageAssembly)}.{nameof(ImageAssembly.Load)}): {why}, or compose it with {nameof(ImageAssembly)}.{nameof(ImageAssembly.DockerfileBuild)}.");
        return ImageAssembly.DockerfileBuild;
    }
}
