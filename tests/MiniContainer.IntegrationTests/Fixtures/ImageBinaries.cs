using MiniContainer.IntegrationTests.Fixtures;

namespace MiniContainer.IntegrationTests.Fixtures;

/// <summary>
/// Static binaries of the examples, compiled once per test run on the host (the Compile step is
/// tested elsewhere): hello with musl and cgo, as the recipe builds it, and the pure-Go https-client.
/// </summary>
public static class ImageBinaries
{
    private static readonly Lazy<string> Folder = new(() => TestBed.TempDirectory("image-binaries"));
    private static readonly Lazy<string> HelloBinary = new(() => Build("hello", cgo: true));
    private static readonly Lazy<string> HttpsClientBinary = new(() => Build("https-client", cgo: false));

    public static string Hello => HelloBinary.Value;

    public static string HttpsClient => HttpsClientBinary.Value;

    private static string Build(string example, bool cgo)
    {
        var output = Path.Combine(Folder.Value, example);
        var environment = new Dictionary<string, string> { ["GOFLAGS"] = "-buildvcs=false", ["GOPROXY"] = "off", ["CGO_ENABLED"] = cgo ? "1" : "0" };
        if (cgo) environment["CC"] = "musl-gcc";
        string[] arguments = cgo
            ? ["build", "-trimpath", "-ldflags", "-w -linkmode external -extldflags \"-static\" -buildid=", "-o", output, "."]
            : ["build", "-trimpath", "-ldflags", "-w -buildid=", "-o", output, "."];
        var result = ProcessRunner.Run("go", arguments, TestBed.Example(example), environment, timeoutSeconds: 300);
        result.ExitCode.ShouldBe(0, result.Output);
        return output;
    }
}
