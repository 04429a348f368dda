namespace Cake.MiniContainer.Hosting;

/// <summary>Where a step finds its Docker Engine, and how long an exchange with it may be silent.</summary>
public interface IEngineSettings
{
    /// <summary>The engine; null resolves it as the docker CLI does (DOCKER_HOST, contexts, else the local socket).</summary>
    Uri? DockerHost { get; }

    /// <summary>How long an engine or registry exchange may pass without a byte; null for two minutes.</summary>
    TimeSpan? InactivityTimeout { get; }
}
