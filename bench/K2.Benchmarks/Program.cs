using BenchmarkDotNet.Running;
using K2.Benchmarks;

BenchmarkSwitcher.FromAssembly(typeof(AvroCodecBenchmarks).Assembly).Run(args);
