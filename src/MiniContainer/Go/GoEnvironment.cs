namespace MiniContainer.Go;

/// <summary>The Go conventions a build passes from the host's environment into the builder.</summary>
public static class GoEnvironment
{
    /// <summary>Module and proxy settings that pass through to the builder as they are.</summary>
    public static readonly IReadOnlyList<string> PassThroughNames =
        ["GOFLAGS", "GOPROXY", "GOPRIVATE", "GONOSUMDB", "GONOPROXY", "GOSUMDB", "GOINSECURE", "GOEXPERIMENT", "GOAMD64", "GOARM"];

    /// <summary>
    /// Applies the host's Go variables to the options: the pass-through settings, and GOOS, GOARCH
    /// and CGO_ENABLED where the host sets them. Values the options already carry win.
    /// </summary>
    public static GoBuildOptions ApplyHost(GoBuildOptions options, Func<string, string?> lookup)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in PassThroughNames)
            if (lookup(name) is { Length: > 0 } value) environment[name] = value;
        foreach (var (name, value) in options.Environment) environment[name] = value;

        var result = options with { Environment = environment };
        if (lookup("GOOS") is { Length: > 0 } goos) result = result with { GoOs = goos };
        if (lookup("GOARCH") is { Length: > 0 } goarch) result = result with { GoArch = goarch };
        if (lookup("CGO_ENABLED") is { Length: > 0 } cgo) result = result with { Cgo = cgo.Trim() == "1" };
        return result;
    }
}
