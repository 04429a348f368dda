namespace MiniContainer.Pipeline;

/// <summary>What ComposeImage writes (--output-format): the engine's image store, an OCI layout, a docker-archive; any combination.</summary>
[Flags]
public enum ImageOutputFormats
{
    /// <summary>The image in the Docker Engine: SmokeTest runs it, PublishImage pushes it with the engine.</summary>
    Engine = 1,

    /// <summary>An OCI image layout, <c>&lt;output&gt;/oci/&lt;image&gt;</c>, written without an engine; PublishImage pushes it with the registry API.</summary>
    Oci = 2,

    /// <summary>A docker-archive, <c>&lt;output&gt;/&lt;image&gt;.docker.tar</c> (for docker load), written without an engine.</summary>
    DockerArchive = 4,
}
