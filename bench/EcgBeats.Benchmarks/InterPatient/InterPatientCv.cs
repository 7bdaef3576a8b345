using System.Diagnostics;
using EcgBeats.Beats;
using EcgBeats.Classification;
using EcgBeats.Datasets;
using EcgBeats.Metrics;
using EcgBeats.Representations;
using EcgBeats.Torch;
using EcgBeats.Torch.Architectures;
using EcgBeats.Torch.Training;

namespace EcgBeats.Benchmarks.InterPatient;

/// <summary>
/// Not a timing benchmark: the DS1-only cross-validation behind every inter-patient choice (docs/inter-patient.md). DS1's
/// 22 records are dealt into 5 folds (records sorted by their number of S beats, then dealt round-robin, so that every fold
/// holds S beats); each fold in turn is the test, the next fold the validation (early stopping), the other three train. The
/// five test folds' confusion matrices are pooled. DS2 is never read.
/// Run: <c>ECGBEATS_DATA=../shared/mitdb dotnet run -c Release --project bench/EcgBeats.Benchmarks -- inter-patient-cv [VARIANT...]</c>
/// </summary>
internal static class InterPatientCv
{
    public const int Folds = 5;

    /// <summary>A candidate: a representation, a network and how it trains.</summary>
    private sealed record Variant(string Name, Func<IBeatRepresentation> Representation, NetworkDefinition Network, TrainerOptions Options);

    private static IEnumerable<Variant> Variants()
    {
        var cnn = Networks.Cnn.Defaults with { Threads = 2, Patience = 4 };
        yield return new("cnn-1lead", () => new RhythmMorphologyRepresentation(1), Networks.Cnn, cnn);
        yield return new("cnn-1lead-weighted", () => new RhythmMorphologyRepresentation(1), Networks.Cnn, cnn with { ClassWeights = true, ClassWeightCap = 20 });
        yield return new("cnn-2lead-weighted", () => new RhythmMorphologyRepresentation(2), Networks.Cnn, cnn with { ClassWeights = true, ClassWeightCap = 20 });
        yield return new("ann-1lead-weighted", () => new RhythmMorphologyRepresentation(1), Networks.Ann, Networks.Ann.Defaults with { Threads = 2, ClassWeights = true, ClassWeightCap = 20 });
    }

    public static void Run(string[] names)
    {
        string dir = BenchData.MitDb;
        var variants = Variants().Where(v => names.Length == 0 || names.Contains(v.Name)).ToList();
        var datasets = new Dictionary<string, LabelledBeats>();
        Console.WriteLine("| variant | N Se | S Se | S +P | V Se | V +P | F Se | F +P | macro-F1 (N S V F) | minutes |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var variant in variants)
        {
            var clock = Stopwatch.StartNew();
            var representation = variant.Representation();
            string key = representation.Recipe.Describe();
            if (!datasets.TryGetValue(key, out var ds1))
                datasets[key] = ds1 = DatasetBuilder.ExtractAll(dir, DeChazal2004Split.Ds1, new DatasetRecipe(representation, SplitKind.Inter));
            var folds = FoldsOf(ds1);
            var pooled = new long[AamiMapping.ClassCount, AamiMapping.ClassCount];
            for (int f = 0; f < Folds; f++)
            {
                var test = folds[f];
                var validation = folds[(f + 1) % Folds];
                var used = Enumerable.Range(0, ds1.Count).Where(i => !test.Contains(ds1.Origins![i].Record)).ToList();
                var split = ValidationSplit.ByRecord(ds1.Select(used), validation);
                string folder = Directory.CreateTempSubdirectory("ecgbeats-cv-").FullName;
                try
                {
                    using var model = Trainer.Train(variant.Network, split, variant.Options, folder, $"DS1 fold {f + 1}");
                    var testBeats = ds1.Select(Enumerable.Range(0, ds1.Count).Where(i => test.Contains(ds1.Origins![i].Record)).ToList());
                    int[] predicted = model.Predict(testBeats.Unlabelled).PredictedClasses();
                    for (int i = 0; i < testBeats.Count; i++) pooled[testBeats.Labels[i], predicted[i]]++;
                }
                finally
                {
                    Directory.Delete(folder, recursive: true);
                }
            }
            Console.WriteLine($"| {variant.Name} | {Se(pooled, 0)} | {Se(pooled, 1)} | {PlusP(pooled, 1)} | {Se(pooled, 2)} | {PlusP(pooled, 2)} | {Se(pooled, 3)} | {PlusP(pooled, 3)} | " +
                              $"{MacroF1(pooled):0.000} | {clock.Elapsed.TotalMinutes:0.0} |");
        }
    }

    /// <summary>DS1's records in <see cref="Folds"/> folds (<see cref="RecordFolds"/>: dealt by their S beats).</summary>
    public static IReadOnlyList<IReadOnlySet<string>> FoldsOf(LabelledBeats ds1) => RecordFolds.Deal(ds1, Folds);

    private static string Se(long[,] m, int c) => Pct(m[c, c], Enumerable.Range(0, AamiMapping.ClassCount).Sum(t => m[c, t]));

    private static string PlusP(long[,] m, int c) => Pct(m[c, c], Enumerable.Range(0, AamiMapping.ClassCount).Sum(r => m[r, c]));

    private static string Pct(long a, long b) => b == 0 ? "-" : $"{100.0 * a / b:0.0}";

    private static double MacroF1(long[,] m) => Enumerable.Range(0, 4).Average(c =>
    {
        double tp = m[c, c], fn = Enumerable.Range(0, AamiMapping.ClassCount).Sum(t => m[c, t]) - tp, fp = Enumerable.Range(0, AamiMapping.ClassCount).Sum(r => m[r, c]) - tp;
        return tp == 0 ? 0 : 2 * tp / (2 * tp + fn + fp);
    });
}
