using System.Diagnostics;
using Microsoft.Extensions.Logging;
using MiniContainer.Compile;
using MiniContainer.Go;
using MiniContainer.Restore;

namespace MiniContainer.Go.Builders;

/// <summary>Restore and Compile on the host: the container builder's go commands, run with the host's Go.</summary>
internal static class LocalGoSteps
{
    public static async Task<GoCompileResult> CompileAsync(LocalGoBuilder builder, GoCompileRequest request, ILogger logger, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        var (options, _) = await VcsStamping.ForCheckoutAsync(request.Module, WithCCompiler(request.Options, builder), logger, cancellationToken).ConfigureAwait(false);
        var packages = GoMainPackageFinder.Find(request.Module, options.Packages);
        var output = Path.GetFullPath(request.OutputDirectory);
        Directory.CreateDirectory(output);
        var caches = await LocalGoProcess.HostCachesAsync(builder, cancellationToken).ConfigureAwait(false);
        // go build -o writes through a symlink at its target when its work folder is on another file system:
        // it builds into a folder of ours (random name, 0700) and each binary is renamed into place.
        var staging = ArtifactFile.CreatePrivateFolder(output);
        try
        {
            var invocation = GoCommandLine.Build(request.Module, options, packages, staging, caches);
            logger.LogInformation("compile: {Command} on the host (CC={CC}, GOCACHE={Cache})", invocation, invocation.Environment.GetValueOrDefault("CC", "-"), caches.BuildCache);
            var exit = await LocalGoProcess.RunAsync(builder, request.Module.Directory, invocation, logger, cancellationToken).ConfigureAwait(false);
            if (!exit.Succeeded) throw new GoCommandFailedException("go build", exit, invocation.GitCredential);
            foreach (var package in packages)
                if (File.Exists(Path.Combine(staging, package.BinaryName)))
                    ArtifactFile.MoveBinaryIntoPlace(Path.Combine(staging, package.BinaryName), Path.Combine(output, package.BinaryName));
        }
        finally
        {
            Directory.Delete(staging, recursive: true);
        }

        var binaries = packages.Select(package =>
        {
            var path = Path.Combine(output, package.BinaryName);
            if (!File.Exists(path))
                throw new MiniContainerException($"go build succeeded but wrote no {path}: is {package.RelativePath} a main package for {options.GoOs}/{options.GoArch}?");
            return new CompiledBinary(package.BinaryName, path, package.ImportPath, new FileInfo(path).Length);
        }).ToList();
        stopwatch.Stop();
        foreach (var binary in binaries)
            logger.LogInformation("Compiled {Name}: {Size:N0} bytes -> {Path}", binary.Name, binary.SizeBytes, binary.Path);
        logger.LogInformation("Compile (local) took {Seconds:F2} s", stopwatch.Elapsed.TotalSeconds);
        return new GoCompileResult(binaries, stopwatch.Elapsed);
    }

    public static async Task<GoRestoreResult> RestoreAsync(LocalGoBuilder builder, GoRestoreRequest request, ILogger logger, CancellationToken cancellationToken)
    {
        if (request.Module.HasVendor)
        {
            logger.LogInformation("Restore skipped: {Module} has a vendor/ folder, so Compile builds with -mod=vendor and needs no download.", request.Module.ModulePath);
            return new GoRestoreResult(Skipped: true, TimeSpan.Zero);
        }
        var stopwatch = Stopwatch.StartNew();
        var caches = await LocalGoProcess.HostCachesAsync(builder, cancellationToken).ConfigureAwait(false);
        var invocation = GoCommandLine.Download(request.Options, caches);
        // With --cache-dir the folder says what it holds, as in the builder container; the host's own caches keep no record.
        var folder = builder.CacheDirectory is { } directory ? new GoCacheFolder(directory) : null;
        if (folder is not null && request.SkipWhenUpToDate && GoRestoreStep.IsUpToDate(folder, request, invocation, logger))
            return new GoRestoreResult(Skipped: false, stopwatch.Elapsed, UpToDate: true);
        logger.LogInformation("restore: {Command} on the host (GOMODCACHE={Cache})", invocation, caches.ModuleCache);
        var exit = await LocalGoProcess.RunAsync(builder, request.Module.Directory, invocation, logger, cancellationToken).ConfigureAwait(false);
        if (!exit.Succeeded) throw new GoCommandFailedException("go mod download", exit, invocation.GitCredential);
        if (folder is not null) RestoreRecord.MarkRestored(folder, RestoreRecord.Fingerprint(folder, request.Module, invocation));
        logger.LogInformation("Restore (local) took {Seconds:F2} s", stopwatch.Elapsed.TotalSeconds);
        return new GoRestoreResult(Skipped: false, stopwatch.Elapsed);
    }

    // The builder image brings its own CC; on the host the default would be glibc's gcc, which cannot link a static Go binary that works.
    private static GoBuildOptions WithCCompiler(GoBuildOptions options, LocalGoBuilder builder) =>
        options.Cgo && options.CCompiler is null ? options with { CCompiler = builder.CCompiler } : options;
}
