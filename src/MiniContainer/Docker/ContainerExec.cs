namespace MiniContainer.Docker;

/// <summary>Runs a command in a running container (docker exec) and streams its output lines.</summary>
public sealed class ContainerExec(DockerEngine engine)
{
    public async Task<ContainerExit> RunAsync(
        string containerId, IReadOnlyList<string> command, IReadOnlyList<string> environment, string? workingDirectory,
        Action<ContainerOutputLine>? onLine, CancellationToken cancellationToken)
    {
        var execId = await engine.Api.CreateExecAsync(containerId, command, environment, workingDirectory, cancellationToken).ConfigureAwait(false);

        var output = new List<ContainerOutputLine>();
        await engine.Api.RunExecAsync(execId, line =>
        {
            output.Add(line);
            onLine?.Invoke(line);
        }, cancellationToken).ConfigureAwait(false);

        var inspected = await engine.Api.InspectExecAsync(execId, cancellationToken).ConfigureAwait(false)
                        ?? throw new MiniContainerException($"The Docker Engine no longer knows the exec {execId[..12]} it just ran in container {containerId[..12]}.");
        return new ContainerExit(inspected.ExitCode ?? -1, output);
    }
}
