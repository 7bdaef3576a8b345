using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/EcgBeats.Benchmarks -- --filter '*'
// The benchmarks that read MIT-BIH take the folder from ECGBEATS_DATA.
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
