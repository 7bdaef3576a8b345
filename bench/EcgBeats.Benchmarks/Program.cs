using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/EcgBeats.Benchmarks -- --filter '*'
// The benchmarks that read MIT-BIH take the folder from ECGBEATS_DATA.
// detector-variants is an accuracy table, not a timing: see Records/DetectorVariants.cs.
if (args is ["detector-variants"]) EcgBeats.Benchmarks.Records.DetectorVariants.Run();
else BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
