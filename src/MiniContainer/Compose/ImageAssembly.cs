namespace MiniContainer.Compose;

/// <summary>How the Image step puts the image together in the engine.</summary>
public enum ImageAssembly
{
    /// <summary>
    /// <see cref="Load"/> when the spec runs nothing in the image (no apk) and its base is in the
    /// engine (or scratch); otherwise, or when the engine refuses the load, <see cref="DockerfileBuild"/>.
    /// </summary>
    Auto,

    /// <summary>
    /// Layers and config written here, the same way as the daemonless path, and loaded as a
    /// docker-archive that carries only the new layers: no build containers, no context upload,
    /// and the image ID is the digest of a reproducible config.
    /// </summary>
    Load,

    /// <summary>The rendered Dockerfile through the engine's (legacy) build API.</summary>
    DockerfileBuild,
}
