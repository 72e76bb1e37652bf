using BenchmarkDotNet.Running;

// dotnet run -c Release --project shared/Shared.Benchmarks -- --filter "*"  (see docs/benchmarks.md)
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
