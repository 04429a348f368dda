using Microsoft.Extensions.Logging;
using MiniContainer.Docker;
using MiniContainer.Go.Builders;

namespace MiniContainer.Nuke.Hosting;

internal static class GoBuilderResolution
{
    /// <summary>The named builder image, or the default one (made once in the engine when missing), with the build's hook applied.</summary>
    public static async Task<GoBuilder> ResolveAsync(IHazGoBuild build, DockerEngine engine, ILogger logger, CancellationToken cancellationToken)
    {
        var image = build.BuilderImage
            ?? await DefaultGoBuilderImage.EnsureAsync(engine, build.GoModule.GoVersion, logger, cancellationToken).ConfigureAwait(false);
        return new GoBuilder { Image = image }.Apply(build.GoBuilderSettings);
    }
}
