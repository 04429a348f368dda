using System.Text.Json;
using MiniContainer.Docker;
using MiniContainer.IntegrationTests.Fixtures;
using MiniContainer.Pipeline;
using Xunit.Abstractions;

namespace MiniContainer.IntegrationTests.Reliability;

/// <summary>
/// What the private-module tests (--go-netrc, --go-git-token) share: hello's build up to ComposeImage, each step in a
/// pipeline of its own as separate host runs would, and the search of the containers a build leaves for a secret.
/// </summary>
public static class PrivateModuleBuild
{
    /// <summary>GoRestore, GoCompile, CaCertificates and ComposeImage of <paramref name="module"/>, each in a new pipeline.</summary>
    public static async Task<TestLogger> RunAsync(string module, Dictionary<string, string> arguments, Func<string, string?> environment, ITestOutputHelper output)
    {
        var logger = new TestLogger(output);
        Func<MiniContainerPipeline, Task>[] steps =
        [
            p => p.GoRestoreAsync(CancellationToken.None), p => p.GoCompileAsync(CancellationToken.None),
            p => p.CaCertificatesAsync(CancellationToken.None), p => p.ComposeImageAsync(CancellationToken.None),
        ];
        foreach (var step in steps)
            await step(await MiniContainerPipeline.StartAsync(new PipelineScript(), new DictionaryArgumentSource(arguments), environment,
                module, logger, new RunSummary(), CancellationToken.None));
        return logger;
    }

    public static void ShouldNotShowIn(this SecretForms secrets, TestLogger logger) =>
        logger.Lines.SelectMany(line => secrets.FoundIn(line).Select(form => $"{form}: {line}")).ShouldBeEmpty();

    /// <summary>
    /// The warm builders a build of <paramref name="module"/> left: no form of the secret in their inspection or their
    /// execs', and no file named <paramref name="secretFileName"/> left in their /tmp. <paramref name="alsoCheck"/> gets
    /// each container's inspection.
    /// </summary>
    public static async Task ShouldNotShowInContainersAsync(this SecretForms secrets, DockerEngine engine, string module, string secretFileName,
        Action<JsonElement>? alsoCheck = null)
    {
        var containers = await LeftoverContainers.MountingAsync(engine, module);
        containers.ShouldNotBeEmpty("the warm builder stays after the build, and is what is inspected here");
        foreach (var id in containers)
        {
            var inspect = ProcessRunner.Run("docker", ["inspect", id]);
            inspect.ExitCode.ShouldBe(0, inspect.Output);
            secrets.FoundIn(inspect.StandardOutput).ShouldBeEmpty($"docker inspect {id}");
            using var json = JsonDocument.Parse(inspect.StandardOutput);
            alsoCheck?.Invoke(json.RootElement[0]);
            if (json.RootElement[0].GetProperty("ExecIDs") is { ValueKind: JsonValueKind.Array } execIds)
                foreach (var execId in execIds.EnumerateArray().Select(e => e.GetString()!))
                    secrets.FoundIn(JsonSerializer.Serialize(await engine.Client.Exec.InspectContainerExecAsync(execId))).ShouldBeEmpty($"exec {execId} of {id}");
            var tmp = ProcessRunner.Run("docker", ["exec", id, "ls", "-a", "/tmp"]);
            tmp.ExitCode.ShouldBe(0, tmp.Output);
            tmp.StandardOutput.ShouldNotContain(secretFileName, customMessage: "each go command's secret file is removed when it ends");
        }
    }

    public static async Task RemoveWarmBuildersAsync(DockerEngine engine, string module)
    {
        foreach (var id in await LeftoverContainers.WarmBuildersOfAsync(engine, module))
            await engine.Client.Containers.RemoveContainerAsync(id, new global::Docker.DotNet.Models.ContainerRemoveParameters { Force = true });
    }
}
