using BenchmarkDotNet.Attributes;
using MiniContainer.Elf;
using MiniContainer.Verify;

namespace MiniContainer.Benchmarks;

/// <summary>Verifying a ~20 MB binary must stay under 100 ms: the verifier reads only the parts it needs.</summary>
[MemoryDiagnoser]
public class VerifyLargeBinaryBenchmark
{
    private readonly StaticBinaryVerifier verifier = new();
    private readonly VerificationPolicy policy = VerificationPolicy.ForGoBuild("amd64", "-w -linkmode external -extldflags -static");
    private string directory = string.Empty;
    private string binary = string.Empty;

    [GlobalSetup]
    public void BuildBinary()
    {
        directory = Path.Combine(Path.GetTempPath(), "minicontainer-bench-large");
        binary = LargeGoBinary.Build(directory);
        var size = new FileInfo(binary).Length;
        var report = verifier.Verify(binary, policy).Report;
        Console.WriteLine($"// binary: {binary}, {size:N0} bytes, {report.Linking.Linkage}, libc {report.Libc.Flavour}, Go {report.Go.BuildInfo?.GoVersion}");
    }

    [Benchmark]
    public VerificationResult Verify20MegabyteStaticGoBinary() => verifier.Verify(binary, policy);

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(directory, recursive: true);
}
