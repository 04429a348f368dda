using Microsoft.Extensions.Logging;
using MiniContainer.Go;

namespace MiniContainer.Go;

/// <summary>
/// Whether go build may stamp the checkout's revision: only where this machine's git trusts the
/// checkout. A repository another user owns gets -buildvcs=false (and one warning), so go runs no git
/// there and none of that repository's configuration (core.fsmonitor, hooks) runs as this build's user.
/// </summary>
internal static class VcsStamping
{
    public static async Task<(GoBuildOptions Options, bool Trusted)> ForCheckoutAsync(GoModule module, GoBuildOptions options, ILogger logger, CancellationToken cancellationToken)
    {
        if (!await GitOutput.RefusesAsync(module.Directory, logger, cancellationToken).ConfigureAwait(false)) return (options, true);
        return (options with { ExtraBuildFlags = [.. options.ExtraBuildFlags, "-buildvcs=false"] }, false);
    }
}
