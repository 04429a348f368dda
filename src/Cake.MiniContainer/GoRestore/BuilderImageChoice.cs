using Microsoft.Extensions.Logging;
using MiniContainer.Docker;
using MiniContainer.Go;
using MiniContainer.Go.Builders;

namespace Cake.MiniContainer.GoRestore;

/// <summary>The builder a step uses: the one the user named, or the default one, made once when missing.</summary>
internal static class BuilderImageChoice
{
    public static async Task<string> ResolveAsync(DockerEngine engine, GoBuilderSettings settings, GoModule module, ILogger logger, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrWhiteSpace(settings.BuilderImage)) return settings.BuilderImage;
        return await DefaultGoBuilderImage.EnsureAsync(engine, module.GoVersion, logger, cancellationToken).ConfigureAwait(false);
    }
}
