using Microsoft.Extensions.Logging;
using MiniContainer.Go;
using MiniContainer;
using MiniContainer.Compile;
using MiniContainer.Go.Builders;
using MiniContainer.Restore;

namespace MiniContainer.Pipeline;

/// <summary>The builder container Restore and Compile use: the image the user named, or the default one of go.mod's Go version, made once when missing.</summary>
public static class GoBuilderChoice
{
    /// <param name="cacheDirectory">--cache-dir: Go's caches in this host folder instead of the volumes.</param>
    public static async Task<GoBuilder> ForAsync(SelectedGoBuilder selected, string? builderImage, GoModule module, FileTransfer transfer, ILogger logger, CancellationToken cancellationToken,
        string? cacheDirectory = null)
    {
        var image = !string.IsNullOrWhiteSpace(builderImage) ? builderImage
            : selected.Engine is { } engine ? await DefaultGoBuilderImage.EnsureAsync(engine, module.GoVersion, logger, cancellationToken).ConfigureAwait(false)
            : GoBuilder.DefaultImageFor(module.GoVersion);
        return new GoBuilder { Image = image, Transfer = transfer, CacheDirectory = cacheDirectory };
    }
}
