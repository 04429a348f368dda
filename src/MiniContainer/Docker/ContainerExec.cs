using Docker.DotNet.Models;

namespace MiniContainer.Docker;

/// <summary>Runs a command in a running container (docker exec) and streams its output lines.</summary>
public sealed class ContainerExec(DockerEngine engine)
{
    public async Task<ContainerExit> RunAsync(
        string containerId, IReadOnlyList<string> command, IReadOnlyList<string> environment, string? workingDirectory,
        Action<ContainerOutputLine>? onLine, CancellationToken cancellationToken)
    {
        var created = await engine.Client.Exec.CreateContainerExecAsync(containerId, new ContainerExecCreateParameters
        {
            Cmd = command.ToList(),
            Env = environment.ToList(),
            WorkingDir = workingDirectory!, // null: the container's own
            AttachStdout = true,
            AttachStderr = true,
        }, cancellationToken).ConfigureAwait(false);

        var output = new List<ContainerOutputLine>();
        using (var stream = await engine.Client.Exec.StartContainerExecAsync(created.ID, new ContainerExecStartParameters { Detach = false, TTY = false }, cancellationToken).ConfigureAwait(false))
        {
            await new ContainerLineReader(line =>
            {
                output.Add(line);
                onLine?.Invoke(line);
            }).ReadToEndAsync(stream, cancellationToken).ConfigureAwait(false);
        }

        var inspected = await engine.Client.Exec.InspectContainerExecAsync(created.ID, cancellationToken).ConfigureAwait(false);
        return new ContainerExit(inspected.ExitCode ?? -1, output);
    }
}
