using System.Diagnostics;
using Microsoft.Extensions.Logging;
using MiniContainer.Docker;
using MiniContainer.Go;
using MiniContainer.Go.Builders;

namespace MiniContainer.Restore;

/// <param name="SkipWhenUpToDate">Skip the download when go.mod, go.sum, the go environment and the module cache volume are as after the last restore into it.</param>
public sealed record GoRestoreRequest(GoModule Module, GoBuildOptions Options, GoBuilder Builder, bool SkipWhenUpToDate = true);

/// <param name="Skipped">Nothing to download: the module vendors its dependencies.</param>
/// <param name="UpToDate">The module cache already holds this download, so it was not run again.</param>
public sealed record GoRestoreResult(bool Skipped, TimeSpan Duration, bool UpToDate = false);

/// <summary>Restore: <c>go mod download</c> in the builder container, filling the module cache volume (or the --cache-dir folder).</summary>
public static class GoRestoreStep
{
    /// <summary>Restore with the selected builder: the engine's builder container, or the host's Go when no engine is used.</summary>
    public static Task<GoRestoreResult> RunAsync(SelectedGoBuilder builder, GoRestoreRequest request, ILogger logger, CancellationToken cancellationToken = default) =>
        builder.Engine is { } engine ? RunAsync(engine, request, logger, cancellationToken) : LocalGoSteps.RestoreAsync(builder.Local, request, logger, cancellationToken);

    public static async Task<GoRestoreResult> RunAsync(DockerEngine engine, GoRestoreRequest request, ILogger logger, CancellationToken cancellationToken = default)
    {
        if (request.Module.HasVendor)
        {
            logger.LogInformation("Restore skipped: {Module} has a vendor/ folder, so Compile builds with -mod=vendor and needs no download.", request.Module.ModulePath);
            return new GoRestoreResult(Skipped: true, TimeSpan.Zero);
        }

        var stopwatch = Stopwatch.StartNew();
        // Another build of this project would share the warm builder this one runs in.
        using var projectLock = await ProjectBuildLock.AcquireAsync(request.Module.Directory, logger, cancellationToken).ConfigureAwait(false);
        var invocation = GoCommandLine.Download(request.Options, GoCachePaths.InContainer);
        var builder = new GoBuilderContainer(engine, request.Builder, logger);
        var builderImageId = await builder.EnsureBuilderImageAsync(request.Module, cancellationToken).ConfigureAwait(false);
        if (request.Builder.CacheDirectory is { } cacheDirectory)
            // Prepared first: what a link planted at gomodcache points to is not the folder's content.
            return await RestoreIntoFolderAsync(new GoCacheFolder(cacheDirectory).Prepare(), request, invocation, builder, logger, stopwatch, cancellationToken).ConfigureAwait(false);
        var volumes = new DockerVolumes(engine);
        var volume = request.Builder.ModuleCacheVolume;
        string Fingerprint(string createdAt) => RestoreRecord.Fingerprint(engine.Endpoint.ToString(), builderImageId, volume, createdAt, request.Module, invocation);

        if (request.SkipWhenUpToDate && await volumes.CreatedAtAsync(volume, cancellationToken).ConfigureAwait(false) is { } created && RestoreRecord.IsRestored(Fingerprint(created)))
        {
            logger.LogInformation("Restore: up to date, the module cache {Volume} holds this download (go.mod, go.sum and the go environment unchanged)", volume);
            return new GoRestoreResult(Skipped: false, stopwatch.Elapsed, UpToDate: true);
        }

        var exit = await builder.RunAsync("restore", request.Module, invocation, hostOutputDirectory: null, outputFiles: [], cancellationToken).ConfigureAwait(false);
        if (!exit.Succeeded)
            throw new GoCommandFailedException("go mod download", exit, invocation.GitCredential);
        if (await volumes.CreatedAtAsync(volume, cancellationToken).ConfigureAwait(false) is { } createdNow)
            RestoreRecord.MarkRestored(Fingerprint(createdNow));
        logger.LogInformation("Restore took {Seconds:F2} s", stopwatch.Elapsed.TotalSeconds);
        return new GoRestoreResult(Skipped: false, stopwatch.Elapsed);
    }

    // --cache-dir: up to date on what the folder holds, whoever filled it (another machine's CI job, say).
    private static async Task<GoRestoreResult> RestoreIntoFolderAsync(
        GoCacheFolder cache, GoRestoreRequest request, GoInvocation invocation, GoBuilderContainer builder, ILogger logger, Stopwatch stopwatch, CancellationToken cancellationToken)
    {
        if (request.SkipWhenUpToDate && IsUpToDate(cache, request, invocation, logger)) return new GoRestoreResult(Skipped: false, stopwatch.Elapsed, UpToDate: true);
        var exit = await builder.RunAsync("restore", request.Module, invocation, hostOutputDirectory: null, outputFiles: [], cancellationToken).ConfigureAwait(false);
        if (!exit.Succeeded)
            throw new GoCommandFailedException("go mod download", exit, invocation.GitCredential);
        RestoreRecord.MarkRestored(cache, RestoreRecord.Fingerprint(cache, request.Module, invocation));
        logger.LogInformation("Restore took {Seconds:F2} s", stopwatch.Elapsed.TotalSeconds);
        return new GoRestoreResult(Skipped: false, stopwatch.Elapsed);
    }

    internal static bool IsUpToDate(GoCacheFolder cache, GoRestoreRequest request, GoInvocation invocation, ILogger logger)
    {
        if (!RestoreRecord.IsRestored(cache, RestoreRecord.Fingerprint(cache, request.Module, invocation))) return false;
        logger.LogInformation("Restore: up to date, the cache folder {Folder} holds this download (go.mod, go.sum, the go environment and the cached modules unchanged)", cache.ModuleCache);
        return true;
    }
}
