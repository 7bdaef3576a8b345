using EcgBeats.Beats;
using EcgBeats.Classification;
using EcgBeats.Datasets;
using EcgBeats.Metrics;
using EcgBeats.MlNet;
using EcgBeats.Models;
using EcgBeats.Protocols;
using EcgBeats.Torch;

namespace EcgBeats.Benchmarks.InterPatient;

/// <summary>
/// Not a timing benchmark: how the declared new-patient model does on held-out records made like other databases' records
/// (another rate, other lead names), DS1 only. Each record fold's model is trained on DS1 as recorded (360 Hz, MLII and
/// V1 by name), exactly as <c>cross-validate</c> trains it, and predicts its held-out records' reference beats as recorded
/// and as each folder given holds them (the same DS1 records made by WFDB's <c>xform</c>, headers edited; see
/// docs/records.md). Beats at reference positions; no rhythm gate. DS2 is never read.
/// Run: <c>ECGBEATS_DATA=../shared/mitdb dotnet run -c Release --project bench/EcgBeats.Benchmarks -- other-rates-cv DIR...</c>
/// </summary>
internal static class OtherRatesCv
{
    public static void Run(string[] folders)
    {
        string dir = BenchData.MitDb;
        var registry = new ModelRegistry(TorchModels.Family, ClassicalModels.Family);
        var kind = registry.Find(DeclaredNewPatientModel.Model)!;
        var given = ModelOptions.None.With(CommonOptions.ClassWeights, true).With(CommonOptions.ClassWeightCap, (double?)20)
            .With(CommonOptions.Threads, (int?)2);
        var recipe = new DatasetRecipe(InterPatientProtocol.Representation(), SplitKind.Inter);
        var records = DeChazal2004Split.Ds1.ToList();
        var ds1 = DatasetBuilder.ExtractAll(dir, records, recipe);
        var variants = folders.Select(f => (Name: Path.GetFileName(Path.TrimEndingDirectorySeparator(f)), Beats: DatasetBuilder.ExtractAll(f, records, recipe))).ToList();
        foreach (var v in variants)
            Console.WriteLine($"{v.Name}: {v.Beats.Count} beats (as recorded: {ds1.Count})");
        var folds = RecordFolds.Deal(ds1, InterPatientCrossValidation.Folds);
        var labels = variants.Select(_ => new List<int>()).ToList();
        var predicted = variants.Select(_ => new List<int>()).ToList();
        int fold = 0;
        var result = InterPatientCrossValidation.Run(ds1, split =>
        {
            var model = InterPatientCrossValidation.TrainFold(kind, split, given, registry);
            var test = folds[fold++];
            for (int k = 0; k < variants.Count; k++)
            {
                var beats = variants[k].Beats;
                var held = beats.Select(Enumerable.Range(0, beats.Count).Where(i => test.Contains(beats.Origins![i].Record)).ToList());
                labels[k].AddRange(held.Labels);
                predicted[k].AddRange(model.Predict(held.Unlabelled).PredictedClasses());
            }
            Console.Error.WriteLine($"fold {fold} done");
            return model;
        });
        Console.WriteLine("| held-out records | N Se | S Se | S +P | V Se | V +P | F Se | macro-F1 (N S V F) |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        Row("as recorded (360 Hz, MLII and V1)", result.Matrix());
        for (int k = 0; k < variants.Count; k++)
            Row(variants[k].Name, ConfusionMatrix.From(labels[k].ToArray(), predicted[k].ToArray(), AamiMapping.ClassCount));
    }

    private static void Row(string name, ConfusionMatrix m) =>
        Console.WriteLine($"| {name} | {100 * m.Recall(0):0.0} | {100 * m.Recall(1):0.0} | {100 * m.Precision(1):0.0} | {100 * m.Recall(2):0.0} | {100 * m.Precision(2):0.0} | {100 * m.Recall(3):0.0} | {Enumerable.Range(0, 4).Average(m.F1):0.000} |");
}
