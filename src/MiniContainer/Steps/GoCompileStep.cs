using System.Diagnostics;
using Microsoft.Extensions.Logging;
using MiniContainer.Docker;
using MiniContainer.Go;

namespace MiniContainer.Steps;

public sealed record GoCompileRequest(GoModule Module, GoBuildOptions Options, GoBuilder Builder, string OutputDirectory);

/// <summary>A binary the Compile step wrote.</summary>
public sealed record CompiledBinary(string Name, string Path, string ImportPath, long SizeBytes);

public sealed record GoCompileResult(IReadOnlyList<CompiledBinary> Binaries, TimeSpan Duration);

/// <summary>Compile: the static <c>go build</c> inside the builder container, into the output folder.</summary>
public static class GoCompileStep
{
    public static async Task<GoCompileResult> RunAsync(DockerEngine engine, GoCompileRequest request, ILogger logger, CancellationToken cancellationToken = default)
    {
        var stopwatch = Stopwatch.StartNew();
        var packages = GoMainPackageFinder.Find(request.Module, request.Options.Packages);
        var invocation = GoCommandLine.Build(request.Module, request.Options, packages, GoBuilderContainer.OutputPath, GoCachePaths.InContainer);
        var output = Path.GetFullPath(request.OutputDirectory);
        Directory.CreateDirectory(output);

        var names = packages.Select(p => p.BinaryName).ToList();
        var exit = await new GoBuilderContainer(engine, request.Builder, logger)
            .RunAsync("compile", request.Module, invocation, output, names, cancellationToken).ConfigureAwait(false);
        if (!exit.Succeeded)
            throw new GoCommandFailedException("go build", exit);

        var binaries = packages.Select(package =>
        {
            var path = Path.Combine(output, package.BinaryName);
            if (!File.Exists(path))
                throw new MiniContainerException($"go build succeeded but wrote no {path}: is {package.RelativePath} a main package for {request.Options.GoOs}/{request.Options.GoArch}?");
            return new CompiledBinary(package.BinaryName, path, package.ImportPath, new FileInfo(path).Length);
        }).ToList();

        stopwatch.Stop();
        foreach (var binary in binaries)
            logger.LogInformation("Compiled {Name}: {Size:N0} bytes -> {Path}", binary.Name, binary.SizeBytes, binary.Path);
        logger.LogInformation("Compile took {Seconds:F2} s", stopwatch.Elapsed.TotalSeconds);
        return new GoCompileResult(binaries, stopwatch.Elapsed);
    }
}
