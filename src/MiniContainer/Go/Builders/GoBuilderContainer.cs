using Microsoft.Extensions.Logging;
using MiniContainer.Docker;
using MiniContainer.Go;

namespace MiniContainer.Go.Builders;

/// <summary>
/// Runs one go command in the builder container: the module's source at /src (bound read-only,
/// or copied in), Go's caches on named volumes, binaries written to an output folder (bound, or
/// copied out), file:// GOPROXY folders at their own paths. The container is always removed.
/// </summary>
internal sealed class GoBuilderContainer(DockerEngine engine, GoBuilder builder, ILogger logger)
{
    public const string SourcePath = "/src";
    public const string OutputPath = "/minicontainer/out";

    private string? _imageId;

    /// <summary>Runs the go command; call <see cref="EnsureBuilderImageAsync"/> first.</summary>
    public async Task<ContainerExit> RunAsync(
        string step, GoModule module, GoInvocation invocation, string? hostOutputDirectory, IReadOnlyList<string> outputFiles, CancellationToken cancellationToken)
    {
        // A link at a binary's path would be followed inside the container and then taken for the binary here.
        if (hostOutputDirectory is not null)
            foreach (var name in outputFiles)
                if (new FileInfo(Path.Combine(hostOutputDirectory, name)).LinkTarget is not null) File.Delete(Path.Combine(hostOutputDirectory, name));
        // Leftovers of killed builds are removed alongside this build: they share nothing with it.
        var reaping = new LeftoverContainerReaper(engine).ReapAsync(cancellationToken);
        var (exit, _) = await BothTasks.AwaitAsync(RunReapedAsync(step, module, invocation, hostOutputDirectory, outputFiles, cancellationToken), reaping).ConfigureAwait(false);
        // Through a bind mount the container wrote the binaries itself, with its modes and whatever it left at their paths.
        if (exit.Succeeded && hostOutputDirectory is not null && builder.UsesBindMounts(engine.SharesFileSystem))
            foreach (var name in outputFiles)
                await ArtifactFile.RelandBinaryAsync(Path.Combine(hostOutputDirectory, name), $"The builder container ({builder.Image})", cancellationToken).ConfigureAwait(false);
        return exit;
    }

    private async Task<ContainerExit> RunReapedAsync(
        string step, GoModule module, GoInvocation invocation, string? hostOutputDirectory, IReadOnlyList<string> outputFiles, CancellationToken cancellationToken)
    {
        var volumes = new DockerVolumes(engine);
        var bind = builder.UsesBindMounts(engine.SharesFileSystem);
        // --cache-dir: the host folder is the cache, bound in its volumes' place, or copied (then no volume is used).
        var cacheFolder = builder.CacheDirectory is { } directory ? new GoCacheFolder(directory).Prepare() : null;
        async Task EnsureVolumesAsync(CancellationToken ct)
        {
            if (cacheFolder is not null) return;
            await volumes.EnsureAsync(builder.ModuleCacheVolume, ct).ConfigureAwait(false);
            await volumes.EnsureAsync(builder.BuildCacheVolume, ct).ConfigureAwait(false);
        }

        // The .netrc and the git token go in as files for this command only, never a bind or the container's config.
        var shown = invocation;
        (invocation, var secrets) = BuilderSecretFiles.For(invocation);
        if (cacheFolder is not null)
            invocation = invocation with { Argv = bind ? GoCacheFolder.GivingFilesToTheFolderOwner(invocation.Argv) : GoCacheCopy.Command(invocation.Argv) };
        var proxyDirectories = GoProxyDirectories.In(invocation.Environment);
        var spec = new ContainerSpec
        {
            Image = builder.Image,
            Step = step,
            Command = invocation.Argv,
            Environment = invocation.EnvironmentLines,
            WorkingDirectory = SourcePath,
            NetworkMode = BuilderNetwork.For(invocation.Environment, invocation.GitCredential),
            Volumes = cacheFolder is not null ? [] :
            [
                new VolumeMount(builder.ModuleCacheVolume, GoCachePaths.InContainer.ModuleCache),
                new VolumeMount(builder.BuildCacheVolume, GoCachePaths.InContainer.BuildCache),
            ],
            Binds = bind ? [.. BindsFor(module, hostOutputDirectory, proxyDirectories), .. CacheBinds(cacheFolder)] : [],
        };

        logger.LogInformation("{Step}: {Command} in {Image} ({Transfer}{Caches}{Netrc}{GitToken})", step, shown, builder.Image, bind ? "bind mounts" : "copy through the engine",
            cacheFolder is null ? "" : $", caches in {cacheFolder.Directory}", shown.NetrcFile is null ? "" : ", with the .netrc",
            shown.GitCredential is { } git ? $", with the git token for {string.Join(", ", git.Hosts)}" : "");
        if (bind && builder.KeepWarm)
        {
            // A running warm builder has its volumes: they are only ensured when one is created.
            var warm = await WarmBuilderContainer.AcquireAsync(engine, spec, _imageId ?? await EnsureBuilderImageAsync(module, cancellationToken).ConfigureAwait(false), EnsureVolumesAsync, builder.WarmIdleTimeout, logger, cancellationToken).ConfigureAwait(false);
            await BuilderSecretFiles.CopyInAsync(new ContainerFiles(engine), warm.Id, secrets, cancellationToken).ConfigureAwait(false);
            return await warm.ExecAsync(invocation.Argv, invocation.EnvironmentLines, SourcePath, line => logger.LogInformation("{Line}", line.Text), cancellationToken).ConfigureAwait(false);
        }
        await EnsureVolumesAsync(cancellationToken).ConfigureAwait(false);
        var files = new ContainerFiles(engine);
        var excluded = ExcludedFromCopy(module, hostOutputDirectory);
        // The environment (a GOPROXY token, say) goes in as a file, not into the container's config.
        spec = spec with { Command = BuilderEnvironmentFile.Command(invocation), Environment = [] };
        return await new ContainerRunner(engine).RunAsync(
            spec,
            line => logger.LogInformation("{Line}", line.Text),
            beforeStart: async (container, ct) =>
            {
                await files.CopyFileInAsync(container, BuilderEnvironmentFile.PathInContainer, BuilderEnvironmentFile.Content(invocation), ArtifactFile.DataMode, ct).ConfigureAwait(false);
                await BuilderSecretFiles.CopyInAsync(files, container.Id, secrets, ct).ConfigureAwait(false);
                if (bind) return;
                await files.CopyDirectoryInAsync(container, module.Directory, SourcePath, path => !excluded.Contains(path.Split('/')[0]), ct).ConfigureAwait(false);
                foreach (var directory in proxyDirectories)
                    await files.CopyDirectoryInAsync(container, directory, directory, null, ct).ConfigureAwait(false);
                if (cacheFolder is null) return;
                var clock = System.Diagnostics.Stopwatch.StartNew();
                // A command with no binaries to bring out is the restore: it compiles nothing, so the build cache stays here.
                var bytes = await GoCacheCopy.CopyInAsync(engine, container, cacheFolder, moduleCacheOnly: outputFiles.Count == 0, ct).ConfigureAwait(false);
                logger.LogInformation("{Step}: copied the cache folder in ({MiB:F1} MiB) in {Seconds:F2} s", step, bytes / 1048576.0, clock.Elapsed.TotalSeconds);
            },
            afterExit: bind || (hostOutputDirectory is null && cacheFolder is null) ? null : async (container, exitCode, ct) =>
            {
                // What a failed build downloaded or compiled is still the cache's: it comes back either way.
                if (cacheFolder is not null)
                {
                    var clock = System.Diagnostics.Stopwatch.StartNew();
                    var count = await GoCacheCopy.CopyOutAsync(files, container, cacheFolder, ct).ConfigureAwait(false);
                    logger.LogInformation("{Step}: copied {Count} new or used cache files back to {Folder} in {Seconds:F2} s", step, count, cacheFolder.Directory, clock.Elapsed.TotalSeconds);
                }
                if (exitCode != 0 || hostOutputDirectory is null) return;
                foreach (var name in outputFiles)
                    await files.CopyFileOutAsync(container, $"{OutputPath}/{name}", Path.Combine(hostOutputDirectory, name), ArtifactFile.BinaryMode, ct).ConfigureAwait(false);
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The builder image's ID; a clear error when the engine does not have it.</summary>
    public async Task<string> EnsureBuilderImageAsync(GoModule module, CancellationToken cancellationToken)
    {
        if (await engine.Api.InspectImageAsync(builder.Image, cancellationToken).ConfigureAwait(false) is { } image)
            return _imageId = image.Id;
        throw new DockerImageMissingException(builder.Image, engine.Endpoint.ToString(),
            $"It is the Go builder: an image with Go {module.GoVersion ?? ""} and a musl C compiler. " +
            "Name one that is in the engine with --builder-image (and --builder-cc for its compiler), or build it, e.g. " +
            $"FROM golang:{module.GoVersion ?? "<go version>"}-alpine + `apk add --no-cache gcc musl-dev linux-headers git`.");
    }


    private static List<BindMount> BindsFor(GoModule module, string? hostOutputDirectory, IReadOnlyList<string> proxyDirectories)
    {
        var binds = new List<BindMount> { new(module.Directory, SourcePath, ReadOnly: true) };
        if (hostOutputDirectory is not null)
        {
            Directory.CreateDirectory(hostOutputDirectory);
            binds.Add(new BindMount(Path.GetFullPath(hostOutputDirectory), OutputPath, ReadOnly: false));
        }
        binds.AddRange(proxyDirectories.Select(directory => new BindMount(directory, directory, ReadOnly: true)));
        return binds;
    }

    private static IEnumerable<BindMount> CacheBinds(GoCacheFolder? folder) => folder is null ? [] :
    [
        new BindMount(folder.ModuleCache, GoCachePaths.InContainer.ModuleCache, ReadOnly: false),
        new BindMount(folder.BuildCache, GoCachePaths.InContainer.BuildCache, ReadOnly: false),
    ];

    // What the copy of the source leaves out: VCS data and our own output inside the module.
    private static HashSet<string> ExcludedFromCopy(GoModule module, string? hostOutputDirectory)
    {
        var excluded = new HashSet<string>(StringComparer.Ordinal) { ".git" };
        if (hostOutputDirectory is null) return excluded;
        var relative = Path.GetRelativePath(module.Directory, Path.GetFullPath(hostOutputDirectory)).Replace('\\', '/');
        if (!relative.StartsWith("..", StringComparison.Ordinal) && !Path.IsPathRooted(relative)) excluded.Add(relative.Split('/')[0]);
        return excluded;
    }
}
