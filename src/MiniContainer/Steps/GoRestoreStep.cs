using System.Diagnostics;
using Microsoft.Extensions.Logging;
using MiniContainer.Docker;
using MiniContainer.Go;

namespace MiniContainer.Steps;

public sealed record GoRestoreRequest(GoModule Module, GoBuildOptions Options, GoBuilder Builder);

public sealed record GoRestoreResult(bool Skipped, TimeSpan Duration);

/// <summary>Restore: <c>go mod download</c> in the builder container, filling the module cache volume.</summary>
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
        var invocation = GoCommandLine.Download(request.Options, GoCachePaths.InContainer);
        var builder = new GoBuilderContainer(engine, request.Builder, logger);
        await builder.EnsureBuilderImageAsync(request.Module, cancellationToken).ConfigureAwait(false);
        var exit = await builder.RunAsync("restore", request.Module, invocation, hostOutputDirectory: null, outputFiles: [], cancellationToken).ConfigureAwait(false);
        if (!exit.Succeeded)
            throw new GoCommandFailedException("go mod download", exit);
        logger.LogInformation("Restore took {Seconds:F2} s", stopwatch.Elapsed.TotalSeconds);
        return new GoRestoreResult(Skipped: false, stopwatch.Elapsed);
    }
}
