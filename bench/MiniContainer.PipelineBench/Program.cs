// One MiniContainer pipeline run through the core API: Compile -> Verify -> Image, as the Cake
// recipe runs it, minus the host's start-up. Used by bench/run.sh; prints step times on stderr.
//   MiniContainer.PipelineBench <module dir> <builder image> <base image|scratch> <tag>
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MiniContainer;
using MiniContainer.Docker;
using MiniContainer.Elf;
using MiniContainer.Go;
using MiniContainer.Images.Compose;
using MiniContainer.Images.Spec;
using MiniContainer.Steps;

if (args.Length != 4)
{
    Console.Error.WriteLine("usage: MiniContainer.PipelineBench <module dir> <builder image> <base image|scratch> <tag>");
    return 2;
}
var (moduleDirectory, builderImage, baseImage, tag) = (args[0], args[1], args[2], args[3]);
var total = Stopwatch.StartNew();
ILogger logger = Environment.GetEnvironmentVariable("MINICONTAINER_BENCH_TRACE") == "1" ? new TraceLogger(total) : NullLogger.Instance;
try
{
    using var engine = await DockerEngine.ConnectAsync(logger: logger);
    var module = GoModule.Load(moduleDirectory);
    var options = new GoBuildOptions();
    var compile = Stopwatch.StartNew();
    var compiled = await GoCompileStep.RunAsync(engine, new GoCompileRequest(module, options, new GoBuilder { Image = builderImage }, Path.Combine(module.Directory, "artifacts", "bin")), logger);
    compile.Stop();

    var verify = Stopwatch.StartNew();
    var binary = compiled.Binaries[0].Path;
    await BinaryVerification.RunAsync(binary, VerificationPolicy.ForGoBuild(options.GoArch, GoCommandLine.LdFlags(options)), logger);
    verify.Stop();

    var compose = Stopwatch.StartNew();
    var spec = new RuntimeImageSpec().WithBinary(binary);
    spec = baseImage == "scratch" ? spec.OnScratch() : spec.WithBaseImage(baseImage);
    var image = await ComposeImageStep.RunAsync(engine, new ComposeImageRequest(spec, tag), logger);
    compose.Stop();

    Console.Error.WriteLine($"compile {compile.Elapsed.TotalSeconds:F3} s{(compiled.UpToDate ? " (up to date)" : "")}, verify {verify.Elapsed.TotalSeconds:F3} s, " +
                            $"image {compose.Elapsed.TotalSeconds:F3} s{(image.UpToDate ? " (up to date)" : "")}, total {total.Elapsed.TotalSeconds:F3} s, image {image.Sizes.Total} bytes");
    return 0;
}
catch (MiniContainerException e)
{
    Console.Error.WriteLine(e.Message);
    return 1;
}
