namespace MiniContainer.Pipeline;

/// <summary>Whether the pipeline uses a Docker Engine (--engine).</summary>
public enum EngineChoice
{
    /// <summary>The engine when one answers, else none.</summary>
    Auto,

    /// <summary>The builder container and the engine's image store; fails when no engine answers.</summary>
    Docker,

    /// <summary>The host's Go and musl C compiler; the image written as an OCI layout and a docker-archive.</summary>
    None,
}
