using System.Globalization;
using Microsoft.Extensions.Logging;

namespace MiniContainer.Docker;

/// <summary>
/// Removes containers that an earlier build started and could not remove itself (it was killed
/// with SIGKILL, or the machine lost power). Only an owner that is provably gone counts: one of this
/// boot and PID namespace whose process has ended. A container of a build we cannot see (another
/// PID namespace, another host on a shared engine) is left alone until it is older than any build.
/// </summary>
public sealed class LeftoverContainerReaper(DockerEngine engine)
{
    /// <summary>Past this age a container's owner, wherever it runs, is taken to be gone: no build lasts a day.</summary>
    internal static readonly TimeSpan UncheckableOwnerAge = TimeSpan.FromHours(24);

    public async Task<IReadOnlyList<string>> ReapAsync(CancellationToken cancellationToken)
    {
        var containers = await engine.Api.ListContainersAsync($"{ContainerLabels.Managed}=true", cancellationToken).ConfigureAwait(false);
        var reaped = new List<string>();
        foreach (var container in containers)
        {
            if (!IsLeftover(container.Labels, DateTimeOffset.UtcNow, HostProcessIdentity.Current, HostProcessIdentity.StartTimeOf)) continue;
            var owner = container.Labels[ContainerLabels.HostProcess];
            await engine.Api.RemoveContainerAsync(container.Id, cancellationToken).ConfigureAwait(false);
            engine.Logger.LogInformation("Removed container {Id} left behind by an interrupted build ({Owner})", container.Id[..12], owner);
            reaped.Add(container.Id);
        }
        return reaped;
    }

    /// <summary>
    /// Whether a container with these labels was left behind: its owner is provably gone, or cannot be
    /// checked from here and the container is older than <see cref="UncheckableOwnerAge"/>. A container
    /// without an owner (a warm builder, which ends itself) is never a leftover.
    /// </summary>
    internal static bool IsLeftover(IReadOnlyDictionary<string, string> labels, DateTimeOffset now, HostProcessIdentity observer, Func<int, string?> startTimeOfRunning)
    {
        if (!labels.TryGetValue(ContainerLabels.HostProcess, out var text)) return false;
        if (HostProcessIdentity.Parse(text) is { } owner && owner.IsProvablyGoneFrom(observer, startTimeOfRunning)) return true;
        var isOurs = text == observer.ToString();
        return !isOurs
            && labels.TryGetValue(ContainerLabels.Created, out var created)
            && long.TryParse(created, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            && now - DateTimeOffset.FromUnixTimeSeconds(seconds) > UncheckableOwnerAge;
    }
}
