using Microsoft.Extensions.Logging;
using MiniContainer.Docker;
using MiniContainer.Oci.Bases;

namespace MiniContainer.Compose;

/// <summary>
/// The base of a daemonless output written beside an engine's image (--output-format=engine,oci): the engine's own copy when it has
/// one, saved as a docker-archive, so both images stand on the same base and a base that is only in the engine works.
/// </summary>
public static class EngineBaseArchive
{
    /// <summary>
    /// A docker-archive of the engine's <paramref name="baseImage"/> under <paramref name="directory"/>; null for scratch, a base on
    /// disk, or one the engine lacks (pulled from its registry then). Saved again only when the engine's image ID changed
    /// (recorded beside the archive), not for every binary and every run.
    /// </summary>
    public static async Task<BaseImageSource?> SaveAsync(DockerEngine engine, string baseImage, string directory, ILogger logger, CancellationToken cancellationToken)
    {
        if (BaseImageSource.Parse(baseImage) is not BaseImageSource.Registry registry) return null;
        var reference = registry.Reference.ToString();
        if (await engine.Api.InspectImageAsync(baseImage, cancellationToken).ConfigureAwait(false) is not { } image) return null;
        var file = Path.Combine(directory, string.Concat(baseImage.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_')) + ".docker.tar");
        var savedId = file + ".id";
        if (File.Exists(file) && File.Exists(savedId) && (await File.ReadAllTextAsync(savedId, cancellationToken).ConfigureAwait(false)).Trim() == image.Id)
            return new BaseImageSource.DockerArchive(file);
        Directory.CreateDirectory(directory);
        File.Delete(savedId);
        await engine.Api.SaveImageAsync(baseImage, file, cancellationToken).ConfigureAwait(false);
        var record = System.Text.Encoding.UTF8.GetBytes(image.Id + "\n");
        ArtifactFile.Write(savedId, ArtifactFile.DataMode, stream => stream.Write(record));
        logger.LogInformation("ComposeImage: the base {Base} for the images written without the engine is the engine's own, saved to {File}", reference, file);
        return new BaseImageSource.DockerArchive(file);
    }
}
