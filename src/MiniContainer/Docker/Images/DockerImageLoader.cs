using Microsoft.Extensions.Logging;

namespace MiniContainer.Docker.Images;

/// <summary>Loads a docker-archive into the engine (what <c>docker load</c> does), written as it is sent.</summary>
public sealed class DockerImageLoader(DockerEngine engine)
{
    /// <summary>Loads the archive <paramref name="writeArchive"/> writes; returns what the engine said it loaded ("Loaded image: …" lines).</summary>
    /// <exception cref="ImageLoadFailedException">The engine refused the archive.</exception>
    public async Task<IReadOnlyList<string>> LoadAsync(Func<Stream, CancellationToken, Task> writeArchive, string description, CancellationToken cancellationToken)
    {
        IReadOnlyList<string> loaded;
        try
        {
            loaded = await engine.Api.LoadImageAsync(writeArchive, cancellationToken).ConfigureAwait(false);
        }
        catch (EngineApiException e)
        {
            throw new ImageLoadFailedException(description, e.EngineMessage);
        }
        foreach (var line in loaded) engine.Logger.LogDebug("load: {Line}", line);
        return loaded;
    }
}
