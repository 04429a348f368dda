using Cake.Core;
using Cake.Core.IO;
using MiniContainer.Go;
using MiniContainer;
using MiniContainer.Compile;
using MiniContainer.Go.Builders;
using MiniContainer.Restore;
using MiniContainer.Pipeline;

namespace Cake.MiniContainer.GoRestore;

/// <summary>What Restore and Compile share: the module, the builder container and the Go build options.</summary>
public abstract class GoBuilderSettings : Hosting.IEngineSettings
{
    /// <summary>The folder with go.mod; null for the working directory.</summary>
    public DirectoryPath? SourceDirectory { get; set; }

    /// <summary>Where go runs: the builder container when an engine answers (Auto), always there (Engine), or this machine's Go and musl-gcc (Local).</summary>
    public GoBuilderKind Builder { get; set; } = GoBuilderKind.Auto;

    /// <summary>An image with Go and a musl C compiler; null for the default builder of go.mod's Go version (made once from golang:&lt;version&gt;-alpine).</summary>
    public string? BuilderImage { get; set; }

    /// <summary>The C compiler inside the builder (CC); null keeps the image's own.</summary>
    public string? CCompiler { get; set; }

    /// <summary>CGO_ENABLED; null keeps the host's CGO_ENABLED, else on (the recipe's static musl build).</summary>
    public bool? Cgo { get; set; }

    /// <summary>GOARCH; null keeps the host's GOARCH variable, else this machine's architecture.</summary>
    public string? GoArch { get; set; }

    /// <summary>Main packages: ".", "./cmd/api", "./cmd/...". Empty means ".".</summary>
    public IList<string> Packages { get; set; } = [];

    public IList<string> Tags { get; set; } = [];

    /// <summary>Values set with -X importpath.name=value.</summary>
    public IDictionary<string, string> Variables { get; set; } = new Dictionary<string, string>();

    public FileTransfer Transfer { get; set; } = FileTransfer.Auto;

    /// <summary>--cache-dir: Go's module and build caches in this folder (gomodcache/, gocache/) instead of the engine's volumes or the host's caches; null for those.</summary>
    public DirectoryPath? CacheDirectory { get; set; }

    /// <summary>The engine; null resolves it as the docker CLI does (DOCKER_HOST, else the local socket).</summary>
    public Uri? DockerHost { get; set; }

    /// <summary>How long an engine or registry exchange may pass without a byte (--inactivity-timeout); null for two minutes.</summary>
    public TimeSpan? InactivityTimeout { get; set; }

    internal GoModule LoadModule(ICakeContext context) =>
        GoModule.Load((SourceDirectory ?? context.Environment.WorkingDirectory).MakeAbsolute(context.Environment).FullPath);

    /// <summary>The core's options: the recipe's static defaults, the host's Go variables, then these settings.</summary>
    internal GoBuildOptions ToOptions(ICakeContext context)
    {
        if (GoArch is not null && !GoArchitecture.Known.Contains(GoArch))
            throw new ArgumentException($"GoArch '{GoArch}' is not a GOARCH Go knows; use one of {string.Join(", ", GoArchitecture.Known.Order(StringComparer.Ordinal))}.", nameof(GoArch));
        var options = GoEnvironment.ApplyHost(new GoBuildOptions(), context.Environment.GetEnvironmentVariable);
        if (Packages.Count > 0) options = options with { Packages = Packages.ToList() };
        if (Cgo is { } cgo) options = options with { Cgo = cgo };
        if (GoArch is not null) options = options with { GoArch = GoArch };
        return options with
        {
            CCompiler = CCompiler,
            Tags = Tags.ToList(),
            Variables = new Dictionary<string, string>(Variables, StringComparer.Ordinal),
        };
    }

    /// <summary>The engine or this machine's Go, as <see cref="Builder"/> asks.</summary>
    internal Task<SelectedGoBuilder> SelectAsync(Microsoft.Extensions.Logging.ILogger logger, CancellationToken cancellationToken) =>
        SelectedGoBuilder.SelectAsync(Builder, DockerHost, new EngineProgressLogger(logger), new LocalGoBuilder { CacheDirectory = CacheDirectory?.FullPath }, cancellationToken, InactivityTimeout);

    /// <summary>The builder container's image (resolved, made once when it is the default) for the engine; the named or default name otherwise (unused on the host).</summary>
    internal async Task<GoBuilder> GoBuilderForAsync(SelectedGoBuilder selected, GoModule module, Microsoft.Extensions.Logging.ILogger logger, CancellationToken cancellationToken) =>
        await GoBuilderChoice.ForAsync(selected, BuilderImage, module, Transfer, logger, cancellationToken, CacheDirectory?.FullPath).ConfigureAwait(false);
}
