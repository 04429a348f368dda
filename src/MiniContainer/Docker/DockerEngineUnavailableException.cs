namespace MiniContainer.Docker;

/// <summary>No Docker Engine answered where the build looked for one.</summary>
public sealed class DockerEngineUnavailableException(string endpoint, Exception inner)
    : MiniContainerException(Describe(endpoint, inner), inner)
{
    public string Endpoint { get; } = endpoint;

    private static string Describe(string endpoint, Exception inner)
    {
        var dockerHost = Environment.GetEnvironmentVariable("DOCKER_HOST");
        var where = string.IsNullOrEmpty(dockerHost) ? "DOCKER_HOST is not set" : $"DOCKER_HOST={dockerHost}";
        var innermost = Innermost(inner);
        if (innermost is System.Net.Sockets.SocketException { SocketErrorCode: System.Net.Sockets.SocketError.AccessDenied })
            return $"The Docker Engine at {endpoint} does not let this user in ({where}): {innermost.Message}. " +
                   "Add the user to the group that owns the socket (usually `sudo usermod -aG docker $USER`, then log in again), or run the build as root.";
        return $"The Docker Engine at {endpoint} does not answer ({where}): {innermost.Message} " +
               "Start the engine (for example `dockerd --bridge=none --iptables=false &` as root), or point DOCKER_HOST at one that runs.";
    }

    private static Exception Innermost(Exception e) => e.InnerException is null ? e : Innermost(e.InnerException);
}
