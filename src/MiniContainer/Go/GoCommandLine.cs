namespace MiniContainer.Go;

/// <summary>Renders the exact go commands of Restore and Compile. Pure: same inputs, same argv.</summary>
public static class GoCommandLine
{
    /// <summary><c>go mod download</c> with the module settings passed through.</summary>
    public static GoInvocation Download(GoBuildOptions options, GoCachePaths caches)
    {
        var environment = BaseEnvironment(options, caches);
        return new GoInvocation(["go", "mod", "download", "-x"], environment) { NetrcFile = options.NetrcFile, GitCredential = options.GitCredential };
    }

    /// <summary>
    /// <c>go build</c> of every package into <paramref name="outputDirectory"/>. One package is
    /// written to its exact name; several go to the folder, named by the go command's own rule.
    /// <paramref name="sourceOwnedByAnotherUser"/> is the one folder git may read for -buildvcs though another user owns
    /// it: the source as the builder container mounts it, once the host's git has trusted the checkout.
    /// </summary>
    public static GoInvocation Build(GoModule module, GoBuildOptions options, IReadOnlyList<GoMainPackage> packages, string outputDirectory, GoCachePaths caches,
        string? sourceOwnedByAnotherUser = null)
    {
        if (packages.Count == 0) throw new ArgumentException("At least one main package is needed.", nameof(packages));

        var argv = new List<string> { "go", "build" };
        // Old go directives don't imply -mod=vendor, and without it Go would try the network.
        if (module.HasVendor) argv.Add("-mod=vendor");
        if (options.TrimPath) argv.Add("-trimpath");
        if (options.BuildMode is { Length: > 0 } mode) argv.Add($"-buildmode={mode}");
        if (options.Tags.Count > 0) argv.AddRange(["-tags", string.Join(',', options.Tags)]);
        var ldflags = LdFlags(options);
        if (ldflags.Length > 0) argv.AddRange(["-ldflags", ldflags]);
        argv.AddRange(options.ExtraBuildFlags);
        var output = outputDirectory.TrimEnd('/');
        argv.AddRange(["-o", packages.Count == 1 ? $"{output}/{packages[0].BinaryName}" : output + "/"]);
        argv.AddRange(packages.Select(p => p.RelativePath));

        var environment = BaseEnvironment(options, caches);
        environment["CGO_ENABLED"] = options.Cgo ? "1" : "0";
        environment["GOOS"] = options.GoOs;
        environment["GOARCH"] = options.GoArch;
        if (options.Cgo && options.CCompiler is { Length: > 0 } cc) environment["CC"] = cc;
        // go stamps VCS info with git, which refuses a checkout another user owns unless it is named safe.
        if (sourceOwnedByAnotherUser is not null)
            environment = GitConfigEnvironment.Append(environment, [KeyValuePair.Create("safe.directory", sourceOwnedByAnotherUser)]);
        return new GoInvocation(argv, environment) { NetrcFile = options.NetrcFile, GitCredential = options.GitCredential };
    }

    /// <summary>The -ldflags value: the recipe's flags, then -X variables, then the user's extras.</summary>
    public static string LdFlags(GoBuildOptions options)
    {
        var parts = new List<string>();
        if (options.StripDwarf) parts.Add("-w");
        if (options.StripSymbols) parts.Add("-s");
        if (options.Cgo && options.StaticLink)
        {
            parts.Add("-linkmode external");
            if (options.ExternalLinkerFlags.Count > 0)
                parts.Add($"-extldflags \"{string.Join(' ', options.ExternalLinkerFlags)}\"");
        }
        if (options.EmptyBuildId) parts.Add("-buildid=");
        foreach (var (name, value) in options.Variables.OrderBy(v => v.Key, StringComparer.Ordinal))
            parts.Add("-X " + QuoteForLdFlags($"{name}={value}"));
        parts.AddRange(options.ExtraLdFlags);
        return string.Join(' ', parts);
    }

    private static Dictionary<string, string> BaseEnvironment(GoBuildOptions options, GoCachePaths caches)
    {
        var environment = new Dictionary<string, string>(options.Environment, StringComparer.Ordinal)
        {
            ["GOMODCACHE"] = caches.ModuleCache,
            ["GOCACHE"] = caches.BuildCache,
        };
        return environment;
    }

    // The go command splits -ldflags on spaces, honouring '...' and "..." without escapes.
    private static string QuoteForLdFlags(string value)
    {
        if (!value.Any(c => char.IsWhiteSpace(c) || c is '\'' or '"')) return value;
        if (!value.Contains('\'')) return $"'{value}'";
        if (!value.Contains('"')) return $"\"{value}\"";
        throw new MiniContainerException($"The -X value `{value}` holds both kinds of quote, which -ldflags cannot carry. Drop one kind.");
    }
}
