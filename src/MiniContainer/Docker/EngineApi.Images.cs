using System.IO.Pipelines;
using System.Net;
using Docker.DotNet;
using Docker.DotNet.Models;
using MiniContainer.Docker.Images;

namespace MiniContainer.Docker;

/// <summary>The engine calls on images: inspect, load, tag.</summary>
public sealed partial class EngineApi
{
    /// <summary>The image, or null when the engine does not have it.</summary>
    public async Task<EngineImage?> InspectImageAsync(string reference, CancellationToken cancellationToken)
    {
        EnginePathValue.Checked(reference, "image reference");
        var image = await OrNullAsync("image inspect " + reference, (client, ct) => client.Images.InspectImageAsync(reference, ct), cancellationToken).ConfigureAwait(false);
        return image is null ? null : new EngineImage(image.ID, image.Size, image.RootFS?.Layers?.ToList() ?? []);
    }

    /// <summary>
    /// Loads a docker-archive that <paramref name="writeArchive"/> writes as it is sent (what <c>docker load</c> does);
    /// returns the engine's "Loaded image: …" lines.
    /// </summary>
    /// <exception cref="EngineApiException">The engine refused the archive (its own words).</exception>
    public Task<IReadOnlyList<string>> LoadImageAsync(Func<Stream, CancellationToken, Task> writeArchive, CancellationToken cancellationToken) =>
        _engine.StreamAsync<IReadOnlyList<string>>("image load", async (client, guard, ct) =>
        {
            // The archive goes through a pipe: written here as the engine reads it, never whole in memory.
            var pipe = new Pipe(new PipeOptions(pauseWriterThreshold: 1 << 20, resumeWriterThreshold: 1 << 19));
            var loaded = new List<string>();
            string? error = null;
            var writing = WriteArchiveAsync(pipe.Writer, writeArchive, guard, ct);
            var sending = SendAsync();
            try
            {
                await Task.WhenAll(writing, sending).ConfigureAwait(false);
            }
            catch when (writing.Exception?.InnerException is { } cause)
            {
                // Our own archive failed (a missing file, say): that, not the broken upload it caused.
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(cause);
            }
            if (error is not null) throw new EngineApiException("image load", HttpStatusCode.OK, error);
            return loaded;

            async Task SendAsync()
            {
                await using var archive = pipe.Reader.AsStream();
                try
                {
                    await client.Images.LoadImageAsync(new ImageLoadParameters { Quiet = true }, archive, new EngineProgress(message =>
                    {
                        guard.Saw();
                        if (message.Error?.Message is { Length: > 0 } failure) error ??= failure;
                        loaded.AddRange((message.Stream ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
                    }), ct).ConfigureAwait(false);
                }
                catch (DockerApiException e)
                {
                    throw EngineApiException.From("image load", e);
                }
            }
        }, cancellationToken);

    private static async Task WriteArchiveAsync(PipeWriter writer, Func<Stream, CancellationToken, Task> writeArchive, EngineStallGuard guard, CancellationToken cancellationToken)
    {
        try
        {
            await using (var stream = new ActivityStream(writer.AsStream(leaveOpen: true), guard.Saw))
                await writeArchive(stream, cancellationToken).ConfigureAwait(false);
            await writer.CompleteAsync().ConfigureAwait(false);
        }
        catch (Exception e)
        {
            await writer.CompleteAsync(e).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Tags the image as repository:tag (replacing what that tag named before).</summary>
    public Task TagImageAsync(string image, string repository, string? tag, CancellationToken cancellationToken)
    {
        EnginePathValue.Checked(image, "image");
        return RefusingAsync($"image tag {repository}:{tag}", async (client, ct) =>
        {
            await client.Images.TagImageAsync(image, new ImageTagParameters { RepositoryName = repository, Tag = tag }, ct).ConfigureAwait(false);
            return true;
        }, cancellationToken);
    }
}
