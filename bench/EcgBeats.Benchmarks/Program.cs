using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/EcgBeats.Benchmarks -- --filter '*'
// The benchmarks that read MIT-BIH take the folder from ECGBEATS_DATA.
// detector-variants is an accuracy table, not a timing: see Records/DetectorVariants.cs.
// inter-patient-cv is the DS1-only cross-validation of docs/inter-patient.md: see InterPatient/InterPatientCv.cs.
if (args is ["detector-variants"]) EcgBeats.Benchmarks.Records.DetectorVariants.Run();
// atrial-spectrum is an accuracy table, not a timing: whether flutter's atrial spectrum differs from AF's in DS1 (Rhythms/AtrialSpectrum.cs).
else if (args is ["atrial-spectrum"]) EcgBeats.Benchmarks.Rhythms.AtrialSpectrum.Run();
// other-rates-cv: the declared model's DS1 cross-validation on held-out records made at other rates with other lead names (InterPatient/OtherRatesCv.cs).
else if (args is ["other-rates-cv", .. var folders]) EcgBeats.Benchmarks.InterPatient.OtherRatesCv.Run(folders);
else if (args is ["inter-patient-cv", .. var variants]) EcgBeats.Benchmarks.InterPatient.InterPatientCv.Run(variants);
// trainer-vs-bare alternates the trainer and a bare step loop: see Torch/TrainerVsBareLoop.cs.
else if (args is ["trainer-vs-bare", .. var models]) EcgBeats.Benchmarks.Torch.TrainerVsBareLoop.Run(models);
// contention trains each network alone, beside a busy process and two at once, in processes of their own: see Torch/Contention.cs.
else if (args is ["contention", .. var options]) EcgBeats.Benchmarks.Torch.Contention.Run(options);
// patience replays early stopping on the histories of trained networks: see Torch/PatienceReplay.cs.
else if (args is ["patience", .. var runs]) EcgBeats.Benchmarks.Torch.PatienceReplay.Run(runs);
else BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
