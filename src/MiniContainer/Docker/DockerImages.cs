using Docker.DotNet;

namespace MiniContainer.Docker;

/// <summary>Questions about images in the engine.</summary>
public sealed class DockerImages(DockerEngine engine)
{
    public async Task<bool> ExistsAsync(string image, CancellationToken cancellationToken)
    {
        try
        {
            await engine.Client.Images.InspectImageAsync(image, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (DockerImageNotFoundException)
        {
            return false;
        }
    }
}
