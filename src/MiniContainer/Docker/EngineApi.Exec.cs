using Docker.DotNet.Models;

namespace MiniContainer.Docker;

/// <summary>The engine calls on execs in a running container: create, start attached, inspect.</summary>
public sealed partial class EngineApi
{
    /// <summary>The exec, or null when the engine no longer knows it.</summary>
    public async Task<EngineExec?> InspectExecAsync(string execId, CancellationToken cancellationToken)
    {
        EnginePathValue.Checked(execId, "exec ID");
        var exec = await OrNullAsync("exec inspect", (client, ct) => client.Exec.InspectContainerExecAsync(execId, ct), cancellationToken).ConfigureAwait(false);
        if (exec is null) return null;
        var command = new List<string>();
        if (exec.ProcessConfig is { } process)
        {
            if (process.Entrypoint is { Length: > 0 } program) command.Add(program);
            command.AddRange(process.Arguments ?? []);
        }
        return new EngineExec(exec.Running, exec.ExitCode, command);
    }

    /// <summary>Creates an exec of the command in the running container, with stdout and stderr attached; returns its ID.</summary>
    public async Task<string> CreateExecAsync(string containerId, IReadOnlyList<string> command, IReadOnlyList<string> environment, string? workingDirectory, CancellationToken cancellationToken)
    {
        EnginePathValue.Checked(containerId, "container ID");
        var parameters = new ContainerExecCreateParameters
        {
            AttachStdout = true,
            AttachStderr = true,
            Cmd = command.ToList(),
            Env = environment.ToList(),
            WorkingDir = workingDirectory ?? "",
        };
        var created = await RefusingAsync("exec create", (client, ct) => client.Exec.CreateContainerExecAsync(containerId, parameters, ct), cancellationToken).ConfigureAwait(false);
        return created.ID;
    }

    /// <summary>Starts the exec attached and reads its stdout and stderr, line by line, until it ends.</summary>
    public Task RunExecAsync(string execId, Action<ContainerOutputLine> onLine, CancellationToken cancellationToken)
    {
        EnginePathValue.Checked(execId, "exec ID");
        return _engine.StreamAsync("exec", async (client, guard, ct) =>
        {
            global::Docker.DotNet.MultiplexedStream stream;
            try
            {
                stream = await client.Exec.StartContainerExecAsync(execId, new ContainerExecStartParameters { Detach = false, TTY = false }, ct).ConfigureAwait(false);
            }
            catch (global::Docker.DotNet.DockerApiException e)
            {
                throw EngineApiException.From("exec start", e);
            }
            using (stream)
                await new ContainerLineReader(onLine, guard.Saw).ReadToEndAsync(stream, ct).ConfigureAwait(false);
            return true;
        }, cancellationToken);
    }
}
