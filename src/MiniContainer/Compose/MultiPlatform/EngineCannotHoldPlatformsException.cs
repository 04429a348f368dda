using MiniContainer.Publish;

namespace MiniContainer.Compose.MultiPlatform;

/// <summary>Several platforms were asked of the engine path, which the Docker Engine (20.10) cannot hold under one tag.</summary>
public sealed class EngineCannotHoldPlatformsException(IReadOnlyList<string> platforms)
    : MiniContainerException(
        $"{platforms.Count} platforms ({string.Join(", ", platforms)}) were asked of the Docker Engine path, but a Docker Engine image store holds one platform per tag. " +
        "Build multi-platform images without the engine (the daemonless path: MultiPlatformImageStep writes an OCI image index and MultiPlatformPublishStep pushes it), " +
        "or ask the engine path for one platform.")
{
    /// <summary>Throws when more than one platform is asked of the engine path; the Cake and NUKE hosts call it before composing with the engine.</summary>
    public static void ThrowIfSeveral(IReadOnlyList<string> platforms)
    {
        if (platforms.Count > 1) throw new EngineCannotHoldPlatformsException(platforms);
    }
}
