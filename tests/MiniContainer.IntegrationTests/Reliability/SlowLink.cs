using global::Docker.DotNet.Models;
using MiniContainer.Docker;

namespace MiniContainer.IntegrationTests.Reliability;

/// <summary>
/// Holds a real compile in the middle: GOFLAGS=-toolexec runs a script from the module that sleeps
/// before Go's linker, so a test can act while the build container is busy with the build.
/// </summary>
public static class SlowLink
{
    /// <summary>Writes the script (the linker waits <paramref name="seconds"/>) into the module and returns the GOFLAGS value that uses it.</summary>
    public static string AddTo(string moduleDirectory, int seconds = 300)
    {
        var script = seconds == 300 ? "slow-link.sh" : $"slow-link-{seconds}.sh";
        var path = Path.Combine(moduleDirectory, script);
        File.WriteAllText(path, $$"""
            #!/bin/sh
            # go asks every tool for its version (-V=full); only the real link waits.
            if [ "${1##*/}" = link ] && [ "$2" != "-V=full" ]; then sleep {{seconds}}; fi
            exec "$@"
            """);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, (UnixFileMode)0b111_101_101);
        return $"-toolexec=/src/{script}";
    }

    /// <summary>Waits until a container the filter accepts runs the held linker (of a script of <paramref name="seconds"/>); returns its id.</summary>
    public static async Task<string> WaitForHeldBuildAsync(DockerEngine engine, Func<ContainerListResponse, bool> isOurs, TimeSpan limit, Func<string> diagnostics, int seconds = 300)
    {
        var deadline = DateTime.UtcNow + limit;
        while (DateTime.UtcNow < deadline)
        {
            var containers = await engine.Client.Containers.ListContainersAsync(new ContainersListParameters());
            foreach (var container in containers.Where(c => c.Labels?.ContainsKey(ContainerLabels.Managed) == true && isOurs(c)))
            {
                try
                {
                    var top = await engine.Client.Containers.ListProcessesAsync(container.ID, new ContainerListProcessesParameters());
                    // A container between its start and its first process (or just ended) has no process list: null, not empty.
                    if (top.Processes?.Any(row => string.Join(' ', row).Contains($"sleep {seconds}")) == true) return container.ID;
                }
                catch (global::Docker.DotNet.DockerApiException)
                {
                    // It ended between the list and the look inside.
                }
            }
            await Task.Delay(250);
        }
        throw new TimeoutException($"no build container reached the linker within {limit.TotalSeconds} s:\n{diagnostics()}");
    }
}
