using BenchmarkDotNet.Attributes;
using MiniContainer.Compose;
using MiniContainer.Images;
using MiniContainer.Oci;
using MiniContainer.Oci.Layers;
using MiniContainer.Oci.Outputs;

namespace MiniContainer.Benchmarks;

/// <summary>
/// Composing an image around a 10 MB binary without an engine must take well under a second:
/// the layer alone (tar, gzip, two SHA-256s), and the whole compose with both outputs on scratch.
/// Compare with `docker build` of FROM scratch + COPY of the same binary (see the README).
/// </summary>
[MemoryDiagnoser]
public class ComposeImageBenchmark
{
    private string _folder = string.Empty;
    private string _binary = string.Empty;
    private int _run;

    [GlobalSetup]
    public void MakeBinary()
    {
        _folder = Path.Combine(Path.GetTempPath(), "minicontainer-bench-compose");
        Directory.CreateDirectory(_folder);
        _binary = Path.Combine(_folder, "app");
        // A real Go binary compresses to about half; pseudo-random halves and zero runs land near that.
        var content = new byte[10 * 1024 * 1024];
        var random = new Random(42);
        for (var i = 0; i < content.Length; i += 8192)
            if (i / 8192 % 2 == 0) random.NextBytes(content.AsSpan(i, Math.Min(8192, content.Length - i)));
        File.WriteAllBytes(_binary, content);
    }

    [Benchmark]
    public LayerBlob WriteLayerOf10MegabyteBinary() =>
        LayerWriter.Write(new LayerContent().WithDirectory("app").WithFile("app/app", _binary, LayerContent.ExecutableMode), DateTimeOffset.UnixEpoch, Stream.Null);

    [Benchmark]
    public async Task<DaemonlessImage> ComposeLayoutAndArchiveOf10MegabyteBinary()
    {
        // A fresh cache and output each time: nothing is reused from the run before.
        var run = Path.Combine(_folder, $"run-{_run++}");
        var image = await DaemonlessComposeStep.RunAsync(new DaemonlessComposeRequest(
            new RuntimeImageSpec().OnScratch().WithBinary(_binary), ["bench:latest"], OciOutputs.Under(run, "bench"))
        {
            Created = DateTimeOffset.UnixEpoch,
            BlobCache = new BlobStore(Path.Combine(run, "cache")),
        });
        Directory.Delete(run, recursive: true);
        return image;
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_folder, recursive: true);
}
