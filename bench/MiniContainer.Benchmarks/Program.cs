using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(MiniContainer.Benchmarks.VerifyLargeBinaryBenchmark).Assembly).Run(args);
