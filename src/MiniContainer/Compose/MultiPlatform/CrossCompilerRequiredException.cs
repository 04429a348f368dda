namespace MiniContainer.Compose.MultiPlatform;

/// <summary>CGO is on for an architecture other than the build machine's, and no C compiler for it was named.</summary>
public sealed class CrossCompilerRequiredException(string goArch, string hostGoArch)
    : MiniContainerException(
        $"CGO is on, and linux/{goArch} is not the build machine's architecture ({hostGoArch}): the C parts need a C compiler that targets {goArch} and links musl statically. " +
        $"Name one for {goArch} (--cross-cc={goArch}={ExampleCompiler(goArch)}; in code MultiPlatformImageRequest.CrossCompilers[\"{goArch}\"]), " +
        "or turn CGO off (--cgo=false, CGO_ENABLED=0) when the program needs no C: a pure-Go build cross-compiles with no C compiler at all.")
{
    public string GoArch { get; } = goArch;

    private static string ExampleCompiler(string goArch) => goArch switch
    {
        "arm64" => "aarch64-linux-musl-gcc",
        "amd64" => "x86_64-linux-musl-gcc",
        "arm" => "arm-linux-musleabihf-gcc",
        _ => $"<{goArch} musl cross gcc>",
    };
}
