namespace MiniContainer.Docker;

/// <summary>The engine took a request, then went silent past the inactivity timeout (stopped, hung or overloaded).</summary>
public sealed class DockerEngineStalledException(string endpoint, string operation, TimeSpan limit, Exception inner)
    : MiniContainerException(
        $"The Docker Engine at {endpoint} stopped answering during {operation}: nothing came for {Seconds(limit)} s. " +
        $"Check that it runs (`docker info`); if it is only slow, raise --inactivity-timeout (MINICONTAINER_INACTIVITY_TIMEOUT, now {Seconds(limit)} s).", inner)
{
    public string Endpoint { get; } = endpoint;

    public string Operation { get; } = operation;

    private static string Seconds(TimeSpan limit) => limit.TotalSeconds.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture);
}
