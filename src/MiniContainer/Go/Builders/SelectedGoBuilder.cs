using Microsoft.Extensions.Logging;
using MiniContainer.Docker;

namespace MiniContainer.Go.Builders;

/// <summary>
/// The builder Restore and Compile use: the engine (for its builder container) or the host's Go.
/// <see cref="SelectAsync"/> applies a <see cref="GoBuilderKind"/>: Auto takes the engine when it answers.
/// Disposing it closes the engine connection it opened.
/// </summary>
public sealed class SelectedGoBuilder : IDisposable
{
    private SelectedGoBuilder(DockerEngine? engine, LocalGoBuilder local)
    {
        Engine = engine;
        Local = local;
    }

    /// <summary>The engine to build in; null when the build runs on the host.</summary>
    public DockerEngine? Engine { get; }

    /// <summary>The host toolchain's settings (used when <see cref="Engine"/> is null).</summary>
    public LocalGoBuilder Local { get; }

    public GoBuilderKind Kind => Engine is null ? GoBuilderKind.Local : GoBuilderKind.Engine;

    public static SelectedGoBuilder ForEngine(DockerEngine engine, LocalGoBuilder? local = null) => new(engine, local ?? new LocalGoBuilder());

    public static SelectedGoBuilder ForHost(LocalGoBuilder? local = null) => new(null, local ?? new LocalGoBuilder());

    /// <exception cref="DockerEngineUnavailableException">Engine was asked for and none answers.</exception>
    public static async Task<SelectedGoBuilder> SelectAsync(GoBuilderKind kind, Uri? endpoint, ILogger logger, LocalGoBuilder? local = null, CancellationToken cancellationToken = default, TimeSpan? inactivityTimeout = null)
    {
        switch (kind)
        {
            case GoBuilderKind.Local:
                logger.LogInformation("Builder: the host's Go (local, as asked)");
                return ForHost(local);
            case GoBuilderKind.Engine:
                return ForEngine(await DockerEngine.ConnectAsync(endpoint, logger, cancellationToken, inactivityTimeout: inactivityTimeout).ConfigureAwait(false), local);
            default:
                try
                {
                    return ForEngine(await DockerEngine.ConnectAsync(endpoint, logger, cancellationToken, inactivityTimeout: inactivityTimeout).ConfigureAwait(false), local);
                }
                catch (DockerEngineUnavailableException e)
                {
                    logger.LogInformation("Builder: no Docker Engine answers at {Endpoint}; building with the host's Go and {CC} instead (set the builder to Engine to require one)",
                        e.Endpoint, (local ?? new LocalGoBuilder()).CCompiler);
                    return ForHost(local);
                }
        }
    }

    public void Dispose() => Engine?.Dispose();
}
