using System.Formats.Tar;
using System.Text;
using Docker.DotNet;
using Docker.DotNet.Models;
using Microsoft.Extensions.Logging;
using MiniContainer.Docker;
using MiniContainer.Docker.Images;
using MiniContainer.Images;

namespace MiniContainer.Go.Builders;

/// <summary>
/// The default builder: the official Go-on-Alpine image of the module's Go version with gcc and
/// musl-dev added, made once and kept in the engine under a local tag (<see cref="GoBuilder.DefaultImageFor"/>).
/// </summary>
public static class DefaultGoBuilderImage
{
    /// <summary>The official image the default builder starts from, e.g. golang:1.19-alpine.</summary>
    public static string OfficialImageFor(string? goVersion) => $"golang:{goVersion ?? "1.22"}-alpine";

    /// <summary>The Dockerfile that adds a musl C toolchain (and git, for VCS-stamped builds; tzdata, whose zoneinfo --tzdata puts in the image) to the official image.</summary>
    public static string DockerfileFor(string? goVersion) =>
        $"FROM {OfficialImageFor(goVersion)}\n" +
        "RUN apk add --no-cache gcc musl-dev linux-headers git tzdata\n" +
        "ENV CC=gcc CGO_ENABLED=1\n";

    /// <summary>Returns the default builder's tag, building it first when the engine does not have it.</summary>
    /// <exception cref="DefaultBuilderUnavailableException">The official image could not be pulled, or the build failed.</exception>
    public static async Task<string> EnsureAsync(DockerEngine engine, string? goVersion, ILogger logger, CancellationToken cancellationToken = default)
    {
        var local = GoBuilder.DefaultImageFor(goVersion);
        var images = new DockerImages(engine);
        if (await images.ExistsAsync(local, cancellationToken).ConfigureAwait(false)) return local;

        var official = ImageReference.Parse(OfficialImageFor(goVersion));
        logger.LogInformation("Builder: {Local} is not in the engine; making it once from {Official} + gcc, musl-dev", local, official);
        if (!await images.ExistsAsync(official.ToString(), cancellationToken).ConfigureAwait(false))
            await PullAsync(engine, official, local, logger, cancellationToken).ConfigureAwait(false);

        using var context = new MemoryStream();
        using (var writer = new TarWriter(context, TarEntryFormat.Gnu, leaveOpen: true))
        {
            var entry = DeterministicTar.NewEntry(TarEntryType.RegularFile, "Dockerfile", DeterministicTar.FileMode);
            entry.DataStream = new MemoryStream(new UTF8Encoding(false).GetBytes(DockerfileFor(goVersion)));
            writer.WriteEntry(entry);
        }
        context.Position = 0;
        try
        {
            await new DockerImageBuilder(engine).BuildAsync(context, [ImageReference.Parse(local)], cancellationToken).ConfigureAwait(false);
        }
        catch (ImageBuildFailedException e)
        {
            throw new DefaultBuilderUnavailableException(local, official.ToString(), e.Message);
        }
        logger.LogInformation("Builder: made {Local}", local);
        return local;
    }

    private static async Task PullAsync(DockerEngine engine, ImageReference official, string local, ILogger logger, CancellationToken cancellationToken)
    {
        string? error = null;
        var progress = (EngineStallGuard guard) => new EngineProgress(message =>
        {
            guard.Saw();
            if (message.Error?.Message is { Length: > 0 } failure) error ??= failure;
            else if (message.Status is { Length: > 0 } status && message.Progress is null)
                logger.LogInformation("pull: {Id}{Status}", message.ID is null ? "" : message.ID + " ", status);
        });
        try
        {
            await engine.StreamAsync("pull " + official, async (client, guard, ct) =>
            {
                await client.Images.CreateImageAsync(
                    new ImagesCreateParameters { FromImage = official.Name, Tag = official.Tag }, null, progress(guard), ct).ConfigureAwait(false);
                return true;
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (DockerApiException e)
        {
            error = EngineApiException.EngineText(e);
        }
        if (error is not null) throw new DefaultBuilderUnavailableException(local, official.ToString(), error);
    }
}

/// <summary>The default builder could not be made: its official base could not be pulled, or the build failed.</summary>
public sealed class DefaultBuilderUnavailableException(string localImage, string officialImage, string engineError)
    : MiniContainerException(
        $"The default Go builder '{localImage}' is not in the Docker Engine, and making it from '{officialImage}' failed: {engineError} " +
        $"Pull '{officialImage}' where a registry is reachable (or `docker load` it), or name a builder that is in the engine with " +
        "--builder-image=<image> (an image with Go and a musl C compiler; --builder-cc=<compiler> if it is not the image's CC).")
{
    public string LocalImage { get; } = localImage;

    public string OfficialImage { get; } = officialImage;
}
