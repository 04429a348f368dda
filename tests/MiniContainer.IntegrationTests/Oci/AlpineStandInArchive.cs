using MiniContainer.IntegrationTests.Fixtures;

namespace MiniContainer.IntegrationTests.Oci;

/// <summary>The test bed's Alpine stand-in as `docker save` writes it: a docker-archive base on disk (made once per run).</summary>
public static class AlpineStandInArchive
{
    private static readonly Lazy<string> Saved = new(() =>
    {
        var path = Path.Combine(TestBed.TempDirectory("alpine-archive"), "alpine.docker.tar");
        var result = ProcessRunner.Run("docker", ["save", "-o", path, TestBed.AlpineImage]);
        result.ExitCode.ShouldBe(0, result.Output);
        return path;
    });

    public static string File => Saved.Value;

    /// <summary>Copies it with skopeo to another transport, e.g. oci:dir:tag or docker://host/repo:tag.</summary>
    public static void CopyTo(string destination, params string[] options)
    {
        var result = ProcessRunner.Run("skopeo", ["copy", .. options, $"docker-archive:{File}", destination]);
        result.ExitCode.ShouldBe(0, result.Output);
    }
}
