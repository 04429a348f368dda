using System.Text.Json;
using MiniContainer.IntegrationTests.Fixtures;

namespace MiniContainer.IntegrationTests.Oci;

/// <summary>The independent readers: skopeo and umoci (Debian's), run on what we wrote.</summary>
public static class OciReaders
{
    /// <summary>skopeo inspect --raw of a transport reference (oci:dir:tag, docker://…): the manifest bytes' digest and the parsed config.</summary>
    public static (string Digest, JsonElement Config) SkopeoInspect(string reference, params string[] options)
    {
        var digest = ProcessRunner.Run("skopeo", ["inspect", .. options, "--format", "{{.Digest}}", reference]);
        digest.ExitCode.ShouldBe(0, digest.StandardError);
        var config = ProcessRunner.Run("skopeo", ["inspect", .. options, "--config", reference]);
        config.ExitCode.ShouldBe(0, config.StandardError);
        return (digest.StandardOutput.Trim(), JsonDocument.Parse(config.StandardOutput).RootElement.Clone());
    }

    /// <summary>umoci unpack into a runtime bundle; returns the bundle's rootfs folder.</summary>
    public static string UmociUnpack(string layout, string tag, string bundle)
    {
        var result = ProcessRunner.Run("umoci", ["unpack", "--image", $"{layout}:{tag}", bundle]);
        result.ExitCode.ShouldBe(0, result.Output);
        return Path.Combine(bundle, "rootfs");
    }
}
