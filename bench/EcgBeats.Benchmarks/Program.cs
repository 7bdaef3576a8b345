using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/EcgBeats.Benchmarks -- --filter '*'
// The benchmarks that read MIT-BIH take the folder from ECGBEATS_DATA.
// detector-variants is an accuracy table, not a timing: see Records/DetectorVariants.cs.
// inter-patient-cv is the DS1-only cross-validation of docs/inter-patient.md: see InterPatient/InterPatientCv.cs.
if (args is ["detector-variants"]) EcgBeats.Benchmarks.Records.DetectorVariants.Run();
else if (args is ["inter-patient-cv", .. var variants]) EcgBeats.Benchmarks.InterPatient.InterPatientCv.Run(variants);
else BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
