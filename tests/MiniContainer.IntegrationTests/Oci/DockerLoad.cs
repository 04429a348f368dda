using MiniContainer.IntegrationTests.Fixtures;

namespace MiniContainer.IntegrationTests.Oci;

/// <summary>docker load and docker run, as a user would check an archive; images are removed afterwards by the caller.</summary>
public static class DockerLoad
{
    public static string Load(string archive)
    {
        var result = ProcessRunner.Run("docker", ["load", "-i", archive]);
        result.ExitCode.ShouldBe(0, result.Output);
        return result.StandardOutput;
    }

    public static ProcessRunner.Result Run(string image, params string[] arguments) =>
        ProcessRunner.Run("docker", ["run", "--rm", "--network", "none", image, .. arguments]);

    public static void Remove(string image) => ProcessRunner.Run("docker", ["rmi", "-f", image]);
}
