using Docker.DotNet;
using Docker.DotNet.Models;
using Microsoft.Extensions.Logging;

namespace MiniContainer.Docker.Images;

/// <summary>Loads a docker-archive into the engine (what <c>docker load</c> does), streaming it from a file.</summary>
public sealed class DockerImageLoader(DockerEngine engine)
{
    /// <summary>Loads the archive; returns what the engine said it loaded ("Loaded image: …" lines).</summary>
    /// <exception cref="ImageLoadFailedException">The engine refused the archive.</exception>
    public async Task<IReadOnlyList<string>> LoadAsync(string archivePath, string description, CancellationToken cancellationToken)
    {
        var loaded = new List<string>();
        string? error = null;
        void OnMessage(JSONMessage message)
        {
            if (message.Error?.Message is { Length: > 0 } failure) error ??= failure;
            foreach (var line in (message.Stream ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                loaded.Add(line);
                engine.Logger.LogDebug("load: {Line}", line);
            }
        }

        await using var archive = new FileStream(archivePath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
        try
        {
            await engine.Client.Images.LoadImageAsync(new ImageLoadParameters { Quiet = true }, archive, new EngineProgress(OnMessage), cancellationToken).ConfigureAwait(false);
        }
        catch (DockerApiException e)
        {
            throw new ImageLoadFailedException(description, DockerImageBuilder.EngineMessage(e));
        }
        if (error is not null) throw new ImageLoadFailedException(description, error);
        return loaded;
    }
}
