using System.Diagnostics;
using Microsoft.Extensions.Logging;
using MiniContainer.Docker;
using MiniContainer.Go;
using MiniContainer.Go.Builders;
using MiniContainer.Verify;

namespace MiniContainer.Compile;

/// <param name="SkipWhenUpToDate">Skip the build when its inputs (source files, options, builder image) hash as last time and the binaries are intact.</param>
public sealed record GoCompileRequest(GoModule Module, GoBuildOptions Options, GoBuilder Builder, string OutputDirectory, bool SkipWhenUpToDate = true);

/// <summary>A binary the Compile step wrote.</summary>
public sealed record CompiledBinary(string Name, string Path, string ImportPath, long SizeBytes);

/// <param name="UpToDate">Nothing changed since the last compile into this folder, so the build was skipped.</param>
public sealed record GoCompileResult(IReadOnlyList<CompiledBinary> Binaries, TimeSpan Duration, bool UpToDate = false);

/// <summary>Compile: the static <c>go build</c> inside the builder container, into the output folder.</summary>
public static class GoCompileStep
{
    /// <summary>Compile with the selected builder: the engine's builder container, or the host's Go when no engine is used.</summary>
    public static Task<GoCompileResult> RunAsync(SelectedGoBuilder builder, GoCompileRequest request, ILogger logger, CancellationToken cancellationToken = default) =>
        builder.Engine is { } engine ? RunAsync(engine, request, logger, cancellationToken) : LocalGoSteps.CompileAsync(builder.Local, request, logger, cancellationToken);

    public static async Task<GoCompileResult> RunAsync(DockerEngine engine, GoCompileRequest request, ILogger logger, CancellationToken cancellationToken = default)
    {
        var stopwatch = Stopwatch.StartNew();
        // Another build of this project would share the warm builder and write the same output folder.
        using var projectLock = await ProjectBuildLock.AcquireAsync(request.Module.Directory, logger, cancellationToken).ConfigureAwait(false);
        var output = Path.GetFullPath(request.OutputDirectory);
        Directory.CreateDirectory(output);
        var builder = new GoBuilderContainer(engine, request.Builder, logger);

        // The source tree is read and hashed while the engine answers for the builder image.
        var local = Task.Run(() =>
        {
            var found = GoMainPackageFinder.Find(request.Module, request.Options.Packages);
            var record = CompileRecord.Read(output);
            var tree = SourceTreeHasher.Hash(request.Module.Directory, [output, Path.Combine(request.Module.Directory, "artifacts")], record?.Sources);
            return (found, record, tree);
        }, cancellationToken);
        // The container sees the source owned by another uid, so git there trusts /src alone, and only what the host's git
        // trusts: asked alongside too (a git process, ~10 ms).
        var stamping = VcsStamping.ForCheckoutAsync(request.Module, request.Options, logger, cancellationToken);
        // The module's own errors come first, as when nothing ran alongside.
        var ((packages, previous, (treeHash, sources)), (builderImageId, (options, trusted))) =
            await BothTasks.AwaitAsync(local, BothTasks.AwaitAsync(builder.EnsureBuilderImageAsync(request.Module, cancellationToken), stamping)).ConfigureAwait(false);
        var invocation = GoCommandLine.Build(request.Module, options, packages, GoBuilderContainer.OutputPath, GoCachePaths.InContainer,
            trusted ? GoBuilderContainer.SourcePath : null);
        var names = packages.Select(p => p.BinaryName).ToList();
        var fingerprint = SourceTreeHasher.HashText(string.Join('\n', [builderImageId, .. invocation.Argv, .. invocation.EnvironmentLines, .. names, treeHash]));
        if (request.SkipWhenUpToDate && previous is not null && previous.Fingerprint == fingerprint && previous.BinariesIntact(output))
        {
            logger.LogInformation("Compile: up to date, nothing to build (sources, options and builder unchanged since the last compile into {Output})", output);
            return new GoCompileResult(Describe(packages, output, request.Options), stopwatch.Elapsed, UpToDate: true);
        }

        CompileRecord.Delete(output);
        var exit = await builder.RunAsync("compile", request.Module, invocation, output, names, cancellationToken).ConfigureAwait(false);
        if (!exit.Succeeded)
            throw new GoCommandFailedException("go build", exit, invocation.GitCredential);

        var binaries = Describe(packages, output, request.Options);
        RemoveNoLongerBuilt(previous, names, output, logger);
        new CompileRecord(fingerprint, binaries.ToDictionary(b => b.Name, b => CompileRecord.StampOf(b.Path), StringComparer.Ordinal), sources).Write(output);

        stopwatch.Stop();
        foreach (var binary in binaries)
            logger.LogInformation("Compiled {Name}: {Size:N0} bytes -> {Path}", binary.Name, binary.SizeBytes, binary.Path);
        logger.LogInformation("Compile took {Seconds:F2} s", stopwatch.Elapsed.TotalSeconds);
        return new GoCompileResult(binaries, stopwatch.Elapsed);
    }

    /// <summary>
    /// Binaries the last compile into this folder wrote for main packages that are no longer built
    /// (and their verification reports): left there, the next steps would take them for current.
    /// </summary>
    private static void RemoveNoLongerBuilt(CompileRecord? previous, IReadOnlyList<string> built, string output, ILogger logger)
    {
        foreach (var stale in (previous?.Binaries.Keys ?? []).Except(built, StringComparer.Ordinal))
        {
            var path = Path.Combine(output, stale);
            if (!File.Exists(path)) continue;
            File.Delete(path);
            File.Delete(VerificationReportJson.PathFor(path));
            logger.LogInformation("Removed {Path}: its main package is no longer built", path);
        }
    }

    private static List<CompiledBinary> Describe(IReadOnlyList<GoMainPackage> packages, string output, GoBuildOptions options) =>
        packages.Select(package =>
        {
            var path = Path.Combine(output, package.BinaryName);
            if (!File.Exists(path))
                throw new MiniContainerException($"go build succeeded but wrote no {path}: is {package.RelativePath} a main package for {options.GoOs}/{options.GoArch}?");
            return new CompiledBinary(package.BinaryName, path, package.ImportPath, new FileInfo(path).Length);
        }).ToList();
}
