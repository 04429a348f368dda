using MiniContainer.Go;
using MiniContainer.Oci;

namespace MiniContainer.Compose.MultiPlatform;

/// <summary>The Go build options for one platform of a multi-platform build. Pure.</summary>
public static class PlatformBuildOptions
{
    /// <summary>
    /// GOOS/GOARCH (and GOARM) of the platform. With CGO on, a foreign architecture takes its C
    /// compiler from <paramref name="crossCompilers"/> (GOARCH to CC), and without one it is an error.
    /// </summary>
    /// <exception cref="CrossCompilerRequiredException">CGO on, foreign architecture, no compiler named for it.</exception>
    public static GoBuildOptions For(GoBuildOptions options, OciPlatform platform, IReadOnlyDictionary<string, string> crossCompilers, string hostGoArch)
    {
        var (goArch, goArm) = TargetPlatforms.GoTarget(platform);
        var result = options with { GoOs = platform.Os, GoArch = goArch };
        if (goArm is not null)
            result = result with { Environment = new Dictionary<string, string>(options.Environment) { ["GOARM"] = goArm } };
        if (!options.Cgo) return result;
        if (crossCompilers.TryGetValue(goArch, out var cc) && cc.Length > 0) return result with { CCompiler = cc };
        if (goArch != hostGoArch) throw new CrossCompilerRequiredException(goArch, hostGoArch);
        return result;
    }
}
