using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Diagnostics;
using MiniContainer.Elf;
using MiniContainer.Verify;
using Xunit.Abstractions;

namespace MiniContainer.IntegrationTests.Elf;

/// <summary>
/// Truncated and byte-flipped variants of real binaries: each must be answered within a second with a report
/// or a <see cref="BinaryInspectionException"/>, never another exception or a hang.
/// </summary>
[Collection(RealBinariesCollection.Name)]
public sealed class MutationTests(RealBinariesFixture binaries, ITestOutputHelper output)
{
    private static readonly TimeSpan PerVariantLimit = TimeSpan.FromSeconds(1);

    [Fact]
    public void Ten_thousand_truncated_or_corrupted_binaries_each_end_in_a_report_or_a_clear_inspection_error()
    {
        // Most variants come from the small C programs so the run stays short; the Go binaries add large, real tables.
        var plan = new (string Path, int Variants)[]
        {
            (binaries.CDynamic, 3_000),
            (binaries.CMuslStatic, 3_000),
            (binaries.CGlibcStaticPie, 1_200),
            (binaries.CGlibcStatic, 1_200),
            (binaries.MuslStaticStripped, 500),
            (binaries.MuslStatic, 500),
            (binaries.GlibcDynamic, 400),
            (binaries.Arm64, 300),
        };
        var failures = new ConcurrentQueue<string>();
        var outcomes = new ConcurrentDictionary<string, int>();
        var total = 0;
        var slowest = TimeSpan.Zero;
        var slowestVariant = string.Empty;
        var clock = Stopwatch.StartNew();

        // Each variant runs on a pool task watched by a blocked worker: enough threads up front, or the watch measures thread injection.
        ThreadPool.GetMinThreads(out var workers, out var io);
        ThreadPool.SetMinThreads(Math.Max(workers, 4 * Environment.ProcessorCount), io);

        foreach (var (path, variants) in plan)
        {
            var original = File.ReadAllBytes(path);

            // Warm up (JIT, file cache) on the intact binary so the per-variant limit measures the verifier, not start-up.
            new StaticBinaryVerifier().Inspect(path);
            var workDirectory = Directory.CreateTempSubdirectory("minicontainer-mutants-").FullName;
            try
            {
                Parallel.For(0, variants, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, () => new WorkerState(workDirectory), (i, _, worker) =>
                {
                    var random = new Random(HashCode.Combine(Path.GetFileName(path).GetHashCode(StringComparison.Ordinal), i));
                    var (bytes, description) = Mutate(original, random);
                    File.WriteAllBytes(worker.VariantPath, bytes);
                    var (outcome, elapsed) = Answer(worker.VariantPath);
                    outcomes.AddOrUpdate(outcome.Kind, 1, (_, n) => n + 1);
                    if (outcome.Failure is not null)
                    {
                        failures.Enqueue($"{Path.GetFileName(path)} {description}: {outcome.Failure}");
                    }

                    lock (failures)
                    {
                        if (elapsed > slowest)
                        {
                            slowest = elapsed;
                            slowestVariant = $"{Path.GetFileName(path)} {description}";
                        }
                    }

                    Interlocked.Increment(ref total);
                    return worker;
                }, _ => { });
            }
            finally
            {
                Directory.Delete(workDirectory, recursive: true);
            }
        }

        output.WriteLine($"{total} variants in {clock.Elapsed.TotalSeconds:F1} s, slowest {slowest.TotalMilliseconds:F0} ms ({slowestVariant}): {string.Join(", ", outcomes.Select(o => $"{o.Key} {o.Value}"))}");
        total.ShouldBeGreaterThanOrEqualTo(10_000);
        failures.Take(20).ShouldBeEmpty();
        outcomes.Keys.ShouldContain("report");
        outcomes.Keys.ShouldContain("inspection error");
    }

    private static ((string Kind, string? Failure), TimeSpan) Answer(string path)
    {
        var clock = Stopwatch.StartNew();
        var task = Task.Run(() => new StaticBinaryVerifier().Verify(path, new VerificationPolicy { StripDwarfRequested = true, ExpectGoBinary = true }));
        if (!((IAsyncResult)task).AsyncWaitHandle.WaitOne(PerVariantLimit))
        {
            return (("hang", $"no answer within {PerVariantLimit.TotalSeconds} s"), clock.Elapsed);
        }

        var elapsed = clock.Elapsed;
        if (task.IsCompletedSuccessfully)
        {
            return (("report", null), elapsed);
        }

        var error = task.Exception!.InnerException!;
        if (error is BinaryInspectionException inspection)
        {
            return inspection.Message.Contains(path, StringComparison.Ordinal)
                ? (("inspection error", null), elapsed)
                : (("unnamed file", $"message does not name the file: {inspection.Message}"), elapsed);
        }

        return (("crash", $"{error.GetType().Name}: {error.Message}\n{error.StackTrace}"), elapsed);
    }

    private static (byte[] Bytes, string Description) Mutate(byte[] original, Random random)
    {
        var is64 = original[4] == 2;
        var phOffset = (int)(is64 ? BinaryPrimitives.ReadUInt64LittleEndian(original.AsSpan(32)) : BinaryPrimitives.ReadUInt32LittleEndian(original.AsSpan(28)));
        var shOffset = (int)(is64 ? BinaryPrimitives.ReadUInt64LittleEndian(original.AsSpan(40)) : BinaryPrimitives.ReadUInt32LittleEndian(original.AsSpan(32)));
        var phSize = BinaryPrimitives.ReadUInt16LittleEndian(original.AsSpan(is64 ? 54 : 42)) * BinaryPrimitives.ReadUInt16LittleEndian(original.AsSpan(is64 ? 56 : 44));
        var shSize = BinaryPrimitives.ReadUInt16LittleEndian(original.AsSpan(is64 ? 58 : 46)) * BinaryPrimitives.ReadUInt16LittleEndian(original.AsSpan(is64 ? 60 : 48));

        // Where a byte is changed: the ELF header, the program headers and the section headers get most of the damage.
        int Target() => random.Next(10) switch
        {
            0 or 1 or 2 => random.Next(Math.Min(64, original.Length)),
            3 or 4 or 5 => Math.Min(original.Length - 1, phOffset + random.Next(Math.Max(1, phSize))),
            6 or 7 or 8 => Math.Min(original.Length - 1, shOffset + random.Next(Math.Max(1, shSize))),
            _ => random.Next(original.Length),
        };

        switch (random.Next(6))
        {
            case 0:
            {
                var length = random.Next(3) == 0 ? random.Next(Math.Min(original.Length, 4096)) : random.Next(original.Length);
                return (original[..length], $"truncated to {length} bytes");
            }

            case 1:
            {
                var length = Math.Max(0, Math.Min(original.Length, shOffset + random.Next(-64, shSize)));
                return (original[..length], $"truncated in the section table at {length}");
            }

            case 2 or 3:
            {
                var bytes = (byte[])original.Clone();
                var flips = new List<int>();
                for (var n = random.Next(1, 5); n > 0; n--)
                {
                    var at = Target();
                    bytes[at] ^= (byte)random.Next(1, 256);
                    flips.Add(at);
                }

                return (bytes, $"bytes flipped at {string.Join(",", flips)}");
            }

            case 4:
            {
                // Absurd values: counts, offsets and sizes set to all ones or zero.
                var bytes = (byte[])original.Clone();
                var at = Target();
                var width = Math.Min(random.Next(2) == 0 ? 2 : 8, bytes.Length - at);
                bytes.AsSpan(at, width).Fill(random.Next(2) == 0 ? (byte)0xff : (byte)0);
                return (bytes, $"{width} bytes at {at} set to an extreme");
            }

            default:
            {
                var bytes = (byte[])original.Clone();
                var at = Target();
                bytes[at] ^= (byte)random.Next(1, 256);
                var length = Math.Max(1, random.Next(bytes.Length));
                return (bytes[..length], $"byte flipped at {at} and truncated to {length}");
            }
        }
    }

    private sealed class WorkerState(string directory)
    {
        public string VariantPath { get; } = Path.Combine(directory, Guid.NewGuid().ToString("N"));
    }
}
