using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using MiniContainer.Docker;

namespace MiniContainer.Go.Builders;

/// <summary>
/// A builder container kept running between builds of one project, so a rebuild pays for a
/// docker exec instead of a container create, start and remove. It removes itself after it has
/// been idle for a while (and after an absolute lifetime), and is removed at once when a build
/// in it is cancelled. One per builder image, mounts and caches: projects never share one.
/// </summary>
internal sealed class WarmBuilderContainer
{
    public const string WarmLabel = "org.minicontainer.warm-builder";
    /// <summary>Which folders the binds named when the container started (see <see cref="HostPathIdentity"/>).</summary>
    public const string BindIdentityLabel = "org.minicontainer.bind-identity";
    // The wrapper's $0 names the host process that runs the build ("minicontainer@" + its HostProcessIdentity).
    private const string ExecOwnerPrefix = "minicontainer@";
    private const string Heartbeat = "/tmp/.minicontainer-heartbeat";
    private static readonly TimeSpan MaximumLifetime = TimeSpan.FromHours(2);
    private static readonly TimeSpan MinimumRemainingLifetime = TimeSpan.FromMinutes(30);

    private readonly DockerEngine _engine;

    private WarmBuilderContainer(DockerEngine engine, string id)
    {
        _engine = engine;
        Id = id;
    }

    public string Id { get; }

    /// <summary>Finds the running warm container for this spec, or starts one.</summary>
    /// <param name="imageId">The ID of <paramref name="spec"/>'s image, which names the container.</param>
    /// <param name="beforeCreate">Runs before a container is created (e.g. ensuring its volumes), not when a running one is found.</param>
    public static async Task<WarmBuilderContainer> AcquireAsync(
        DockerEngine engine, ContainerSpec spec, string imageId, Func<CancellationToken, Task> beforeCreate, TimeSpan idleTimeout, ILogger logger, CancellationToken cancellationToken)
    {
        var name = NameFor(spec, imageId);
        var bindIdentity = BindIdentity(spec);
        for (var attempt = 0; ; attempt++)
        {
            var existing = await InspectAsync(engine, name, cancellationToken).ConfigureAwait(false);
            if (existing is not null && IsUsable(existing) && SeesTheSameFolders(existing, bindIdentity, logger)
                && !await RunsOrphanedBuildAsync(engine, existing, cancellationToken).ConfigureAwait(false))
                return new WarmBuilderContainer(engine, existing.Id);
            if (existing is not null)
                await RemoveAsync(engine, existing.Id).ConfigureAwait(false);
            await beforeCreate(cancellationToken).ConfigureAwait(false);
            try
            {
                var id = await CreateAndStartAsync(engine, spec, name, bindIdentity, idleTimeout, cancellationToken).ConfigureAwait(false);
                logger.LogDebug("Started warm builder {Name} ({Id})", name, id[..12]);
                return new WarmBuilderContainer(engine, id);
            }
            catch (EngineApiException e) when (e.StatusCode == System.Net.HttpStatusCode.Conflict && attempt < 3)
            {
                // Another build of the same project created it first: use that one.
            }
        }
    }

    /// <summary>Runs the command in the container; a cancelled command takes the container with it.</summary>
    public async Task<ContainerExit> ExecAsync(IReadOnlyList<string> command, IReadOnlyList<string> environment, string? workingDirectory, Action<ContainerOutputLine> onLine, CancellationToken cancellationToken)
    {
        // Mark the container busy while the command runs, so the idle watch does not end it mid-build.
        IReadOnlyList<string> wrapped =
        [
            "sh", "-c", $"b=/tmp/.minicontainer-busy-$$; touch \"$b\"; \"$@\"; rc=$?; rm -f \"$b\"; touch {Heartbeat}; exit $rc", ExecOwnerPrefix + ContainerLabels.CurrentHostProcess,
            .. command,
        ];
        try
        {
            return await new ContainerExec(_engine).RunAsync(Id, wrapped, environment, workingDirectory, onLine, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // An exec cannot be killed through the API: remove the container, and the build in it.
            await RemoveAsync(_engine, Id).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Whether a build whose host process was killed (SIGKILL: it could not remove anything) still
    /// runs in the container. Its go command would go on writing into the output folder under the
    /// next build, so the container is replaced rather than reused.
    /// </summary>
    private static async Task<bool> RunsOrphanedBuildAsync(DockerEngine engine, EngineContainer container, CancellationToken cancellationToken)
    {
        foreach (var execId in container.ExecIds)
        {
            // Null: ended and gone.
            if (await engine.Api.InspectExecAsync(execId, cancellationToken).ConfigureAwait(false) is not { Running: true } exec) continue;
            var owner = exec.Command.FirstOrDefault(a => a.StartsWith(ExecOwnerPrefix, StringComparison.Ordinal));
            if (owner is not null && HostProcessIdentity.Parse(owner[ExecOwnerPrefix.Length..]) is { } process && process.IsProvablyGone())
            {
                engine.Logger.LogInformation("Replacing warm builder {Id}: a build of an interrupted process ({Owner}) still runs in it", container.Id[..12], owner[ExecOwnerPrefix.Length..]);
                return true;
            }
        }
        return false;
    }

    /// <summary>Removes every warm builder in the engine (e.g. `Clean`, or the end of a test run).</summary>
    public static async Task<int> RemoveAllAsync(DockerEngine engine, CancellationToken cancellationToken)
    {
        var containers = await engine.Api.ListContainersAsync($"{WarmLabel}=true", cancellationToken).ConfigureAwait(false);
        foreach (var container in containers) await RemoveAsync(engine, container.Id).ConfigureAwait(false);
        return containers.Count;
    }

    /// <summary>The idle watch the container runs as its main process (POSIX sh, busybox or coreutils).</summary>
    internal static string IdleWatchScript(TimeSpan idleTimeout, TimeSpan maximumLifetime) =>
        $"touch {Heartbeat}; start=$(date +%s); " +
        "while sleep 1; do now=$(date +%s); " +
        $"[ $((now - start)) -ge {(int)maximumLifetime.TotalSeconds} ] && exit 0; " +
        "ls /tmp/.minicontainer-busy-* >/dev/null 2>&1 && continue; " +
        $"[ $((now - $(stat -c %Y {Heartbeat}))) -ge {(int)idleTimeout.TotalSeconds} ] && exit 0; " +
        "done";

    /// <summary>One name per image, mounts, environment-independent settings: the same project finds its container again.</summary>
    internal static string NameFor(ContainerSpec spec, string imageId)
    {
        var key = new StringBuilder(imageId).Append('\n').Append(spec.NetworkMode).Append('\n').Append(spec.User);
        foreach (var bind in spec.Binds) key.Append("\nbind ").Append(bind.HostPath).Append(':').Append(bind.ContainerPath).Append(bind.ReadOnly ? ":ro" : ":rw");
        foreach (var volume in spec.Volumes) key.Append("\nvolume ").Append(volume.VolumeName).Append(':').Append(volume.ContainerPath);
        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key.ToString()))).ToLowerInvariant();
        return $"minicontainer-builder-{hash[..16]}";
    }

    /// <summary>Each bind's host folder as a file system object, in bind order; null when one cannot be read.</summary>
    internal static string? BindIdentity(ContainerSpec spec)
    {
        var identities = new List<string>();
        foreach (var bind in spec.Binds)
        {
            if (HostPathIdentity.Of(bind.HostPath) is not { } identity) return null;
            identities.Add(identity);
        }
        return string.Join(',', identities);
    }

    /// <summary>
    /// A folder deleted and made again since the container started (a fresh clone, `git clean`, a
    /// removed artifacts folder) is not the folder the container binds: it would read the old source
    /// or write binaries nobody sees, so it is replaced.
    /// </summary>
    private static bool SeesTheSameFolders(EngineContainer container, string? bindIdentity, ILogger logger)
    {
        container.Labels.TryGetValue(BindIdentityLabel, out var started);
        if (bindIdentity is null || started == bindIdentity) return true;
        logger.LogInformation("Replacing warm builder {Id}: a folder it binds was made anew since it started", container.Id[..12]);
        return false;
    }

    private static bool IsUsable(EngineContainer container) =>
        container.Running
        && ParseEngineTime(container.StartedAt) is { } started
        && DateTimeOffset.UtcNow - started < MaximumLifetime - MinimumRemainingLifetime;

    /// <summary>The engine's RFC 3339 times carry nanoseconds, more digits than .NET parses.</summary>
    internal static DateTimeOffset? ParseEngineTime(string? value)
    {
        if (string.IsNullOrEmpty(value)) return null;
        // Keep 7 digits of the fraction (what DateTimeOffset parses), without a regex's first-use cost.
        var dot = value.IndexOf('.');
        var digits = 0;
        while (dot >= 0 && dot + 1 + digits < value.Length && char.IsAsciiDigit(value[dot + 1 + digits])) digits++;
        var trimmed = digits > 7 ? value[..(dot + 8)] + value[(dot + 1 + digits)..] : value;
        return DateTimeOffset.TryParse(trimmed, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var parsed) ? parsed : null;
    }

    private static async Task<string> CreateAndStartAsync(
        DockerEngine engine, ContainerSpec spec, string name, string? bindIdentity, TimeSpan idleTimeout, CancellationToken cancellationToken)
    {
        var labels = new Dictionary<string, string>
        {
            [ContainerLabels.Managed] = "true",
            [ContainerLabels.Step] = "warm-builder",
            [WarmLabel] = "true",
        };
        if (bindIdentity is not null) labels[BindIdentityLabel] = bindIdentity;
        var id = await engine.Api.CreateContainerAsync(new EngineContainerCreation(name, spec.Image, ["sh", "-c"], [IdleWatchScript(idleTimeout, MaximumLifetime)])
        {
            WorkingDirectory = spec.WorkingDirectory,
            User = spec.User,
            Labels = labels,
            AutoRemove = true,
            NetworkMode = spec.NetworkMode,
            Binds = spec.Binds.Select(b => $"{b.HostPath}:{b.ContainerPath}:{(b.ReadOnly ? "ro" : "rw")}").ToList(),
            VolumeMounts = spec.Volumes.Select(v => (v.VolumeName, v.ContainerPath)).ToList(),
        }, cancellationToken).ConfigureAwait(false);
        try
        {
            await engine.Api.StartContainerAsync(id, cancellationToken).ConfigureAwait(false);
            return id;
        }
        catch
        {
            await RemoveAsync(engine, id).ConfigureAwait(false);
            throw;
        }
    }

    private static Task<EngineContainer?> InspectAsync(DockerEngine engine, string name, CancellationToken cancellationToken) =>
        engine.Api.InspectContainerAsync(name, cancellationToken);

    private static async Task RemoveAsync(DockerEngine engine, string id)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await engine.Api.RemoveContainerAsync(id, timeout.Token).ConfigureAwait(false);
        }
        catch (EngineApiException e) when (e.StatusCode == System.Net.HttpStatusCode.Conflict)
        {
            // Already being removed (AutoRemove after the idle watch ended).
        }
    }
}
