// One MiniContainer pipeline run through the core API: Compile -> Verify -> Image, as the Cake
// recipe runs it, minus the host's start-up. Used by bench/run.sh and bench/scale.sh; prints step
// times on stderr.
//   MiniContainer.PipelineBench <module dir> <builder image> <base image|scratch> <tag> [packages]
// Without [packages] it builds the module's "." package. With it (e.g. "./cmd/...", or several
// space-separated patterns) every main package it names is built in the one go build invocation of
// the Compile step, each binary is verified, and one image holds them all (the first is the entry
// point). MINICONTAINER_BENCH_GOCACHE_VOLUME names the build-cache volume instead of the default
// one, so a benchmark can start cold without touching the cache other builds on the engine share.
// MINICONTAINER_BENCH_TRACE=1 prints the steps' log lines with the milliseconds since start.
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MiniContainer;
using MiniContainer.Compile;
using MiniContainer.Compose;
using MiniContainer.Docker;
using MiniContainer.Go;
using MiniContainer.Go.Builders;
using MiniContainer.Images;
using MiniContainer.Verify;

if (args.Length is not (4 or 5) || (args.Length == 5 && string.IsNullOrWhiteSpace(args[4])))
{
    Console.Error.WriteLine("usage: MiniContainer.PipelineBench <module dir> <builder image> <base image|scratch> <tag> [packages, e.g. ./cmd/...]");
    return 2;
}
var (moduleDirectory, builderImage, baseImage, tag) = (args[0], args[1], args[2], args[3]);
string[]? packages = args.Length == 5 ? args[4].Split(' ', StringSplitOptions.RemoveEmptyEntries) : null;
var builder = new GoBuilder { Image = builderImage };
if (Environment.GetEnvironmentVariable("MINICONTAINER_BENCH_GOCACHE_VOLUME") is { Length: > 0 } cacheVolume)
    builder = builder with { BuildCacheVolume = cacheVolume };
var total = Stopwatch.StartNew();
ILogger logger = Environment.GetEnvironmentVariable("MINICONTAINER_BENCH_TRACE") == "1" ? new TraceLogger(total) : NullLogger.Instance;
try
{
    using var engine = await DockerEngine.ConnectAsync(logger: logger);
    var module = GoModule.Load(moduleDirectory);
    var options = new GoBuildOptions();
    if (packages is not null) options = options with { Packages = packages };
    var compile = Stopwatch.StartNew();
    var compiled = await GoCompileStep.RunAsync(engine, new GoCompileRequest(module, options, builder, Path.Combine(module.Directory, "artifacts", "bin")), logger);
    compile.Stop();
    // Without [packages]: the one binary of "." (what bench/run.sh times). With it: every binary built.
    var binaries = packages is null ? [compiled.Binaries[0].Path] : compiled.Binaries.Select(b => b.Path).ToList();

    var verify = Stopwatch.StartNew();
    var policy = VerificationPolicy.ForGoBuild(options.GoArch, GoCommandLine.LdFlags(options));
    foreach (var binary in binaries)
        await BinaryVerification.RunAsync(binary, policy, logger);
    verify.Stop();

    var compose = Stopwatch.StartNew();
    var spec = binaries.Aggregate(new RuntimeImageSpec(), (s, binary) => s.WithBinary(binary));
    spec = baseImage == "scratch" ? spec.OnScratch() : spec.WithBaseImage(baseImage);
    var image = await ComposeImageStep.RunAsync(engine, new ComposeImageRequest(spec, tag), logger);
    compose.Stop();

    Console.Error.WriteLine($"compile {compile.Elapsed.TotalSeconds:F3} s{(compiled.UpToDate ? " (up to date)" : "")}, verify {verify.Elapsed.TotalSeconds:F3} s, " +
                            $"image {compose.Elapsed.TotalSeconds:F3} s{(image.UpToDate ? " (up to date)" : "")}, total {total.Elapsed.TotalSeconds:F3} s, image {image.Sizes.Total} bytes" +
                            (packages is null ? "" : $", {binaries.Count} binaries"));
    return 0;
}
catch (MiniContainerException e)
{
    Console.Error.WriteLine(e.Message);
    return 1;
}
