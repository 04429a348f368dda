namespace MiniContainer.Docker;

/// <summary>Questions about images in the engine.</summary>
public sealed class DockerImages(DockerEngine engine)
{
    public async Task<bool> ExistsAsync(string image, CancellationToken cancellationToken) =>
        await engine.Api.InspectImageAsync(image, cancellationToken).ConfigureAwait(false) is not null;
}
