using System.Diagnostics;
using EcgBeats.Beats;
using EcgBeats.Classification;
using EcgBeats.Datasets;
using EcgBeats.Metrics;
using EcgBeats.MlNet;
using EcgBeats.Representations;
using EcgBeats.Torch;
using EcgBeats.Torch.Training;
using EcgBeats.Models;
using EcgBeats.Protocols;

namespace EcgBeats.Benchmarks.InterPatient;

/// <summary>
/// Not a timing benchmark: the candidates of the DS1-only cross-validation behind every inter-patient choice
/// (docs/inter-patient.md), each run by the library's <see cref="InterPatientCrossValidation"/>. DS2 is never read.
/// Run: <c>ECGBEATS_DATA=../shared/mitdb dotnet run -c Release --project bench/EcgBeats.Benchmarks -- inter-patient-cv [VARIANT...]</c>
/// </summary>
internal static class InterPatientCv
{
    /// <summary>A candidate: a representation, and how a model of it is trained on a fold's split, in memory.</summary>
    private sealed record Variant(string Name, Func<IBeatRepresentation> Representation, Func<ValidationSplit, IBeatClassifier> Train);

    private static Variant Deep(string name, int leads, NetworkDefinition network, Func<TrainerOptions, TrainerOptions> options, bool residual = false) =>
        new(name, () => new RhythmMorphologyRepresentation(leads, residual: residual),
            split => network.Train(split, options(network.Defaults with { Threads = 2 })));

    private static Variant Classical(string name, int leads, ClassicalDefinition kind, Func<ClassicalOptions, ClassicalOptions> options, bool residual = false, bool context = false) =>
        new(name, () => new RhythmMorphologyRepresentation(leads, residual: residual, context: context),
            split => kind.Train(split, options(new ClassicalOptions { Threads = 2 })));

    /// <summary>A soft vote (mean probability) of members trained on the same split.</summary>
    private static Variant Vote(string name, int leads, bool residual, params Func<ValidationSplit, IBeatClassifier>[] members) =>
        new(name, () => new RhythmMorphologyRepresentation(leads, residual: residual), split =>
        {
            var trained = members.Select(train => train(split)).ToList();
            return new VotingEnsemble(trained, VotingMode.Soft, trained[0].Card with { Model = Ensembles.Voting.Name, Framework = Ensembles.Framework });
        });

    private static IEnumerable<Variant> Variants()
    {
        foreach (int leads in new[] { 1, 2 })
        foreach (bool context in new[] { false, true })
            // "-context": with RhythmContext's features (the second declaration; docs/inter-patient.md).
            yield return new($"classwise-gbt-logreg-{leads}lead{(context ? "-context" : "")}", () => new RhythmMorphologyRepresentation(leads, context: context), split =>
            {
                IBeatClassifier[] members =
                [
                    ClassicalModels.BoostedTrees.Train(split, new ClassicalOptions { Threads = 2, ClassWeights = true, ClassWeightCap = 20 }),
                    ClassicalModels.LogisticRegression.Train(split, new ClassicalOptions { Threads = 2, ClassWeights = true, ClassWeightCap = 20 }),
                ];
                // No S factor here: the table's "S xF" rows scale the S probability of these same predictions.
                return new ClassWiseEnsemble(members, ClassWiseSpec.Parse("N:gbt S:logreg V:gbt F:gbt Q:gbt"),
                    members[0].Card with { Model = Ensembles.ClassWise.Name, Framework = Ensembles.Framework });
            });
        // The models read the relative RR features only (BeatLayout.ModelFeatures): absolute seconds identify patients.
        TrainerOptions Cap(TrainerOptions o, double cap) => o with { ClassWeights = true, ClassWeightCap = cap };
        ClassicalOptions CapClassical(ClassicalOptions o, double cap) => o with { ClassWeights = true, ClassWeightCap = cap };
        // The two members alone with the rhythm context (docs/inter-patient.md, the second declaration's table).
        yield return Classical("logreg-2lead-context", 2, ClassicalModels.LogisticRegression, o => CapClassical(o, 20), context: true);
        yield return Classical("gbt-2lead-context", 2, ClassicalModels.BoostedTrees, o => CapClassical(o, 20), context: true);
        foreach (int leads in new[] { 1, 2 })
            foreach (bool residual in new[] { false, true })
            {
                string r = $"{leads}lead{(residual ? "-residual" : "")}";
                yield return Deep($"ann-{r}", leads, Networks.Ann, o => Cap(o, 20), residual);
                yield return Deep($"cnn-{r}", leads, Networks.Cnn, o => Cap(o, 20), residual);
                yield return Deep($"lstm-{r}", leads, Networks.Lstm, o => Cap(o, 20), residual);
                yield return Deep($"transformer-{r}", leads, Networks.Transformer, o => Cap(o, 20), residual);
                yield return Classical($"logreg-{r}", leads, ClassicalModels.LogisticRegression, o => CapClassical(o, 20), residual);
                yield return Classical($"logreg-{r}-cap5", leads, ClassicalModels.LogisticRegression, o => CapClassical(o, 5), residual);
                yield return Classical($"rf-{r}", leads, ClassicalModels.RandomForest, o => o, residual);
                yield return Classical($"gbt-{r}", leads, ClassicalModels.BoostedTrees, o => CapClassical(o, 20), residual);
                yield return Classical($"gbt-{r}-cap5", leads, ClassicalModels.BoostedTrees, o => CapClassical(o, 5), residual);
                yield return Classical($"gbt-{r}-power2", leads, ClassicalModels.BoostedTrees, o => CapClassical(o, 20) with { ClassWeightPower = 2 }, residual);
                yield return Classical($"gbt-{r}-power2-cap50", leads, ClassicalModels.BoostedTrees, o => CapClassical(o, 50) with { ClassWeightPower = 2 }, residual);
                yield return Classical($"logreg-{r}-power2", leads, ClassicalModels.LogisticRegression, o => CapClassical(o, 20) with { ClassWeightPower = 2 }, residual);
                yield return Vote($"vote-gbt-logreg-{r}", leads, residual,
                    split => ClassicalModels.BoostedTrees.Train(split, CapClassical(new ClassicalOptions { Threads = 2 }, 20)),
                    split => ClassicalModels.LogisticRegression.Train(split, CapClassical(new ClassicalOptions { Threads = 2 }, 20)));
                yield return Vote($"vote-gbt-logreg-cnn-{r}", leads, residual,
                    split => ClassicalModels.BoostedTrees.Train(split, CapClassical(new ClassicalOptions { Threads = 2 }, 20)),
                    split => ClassicalModels.LogisticRegression.Train(split, CapClassical(new ClassicalOptions { Threads = 2 }, 20)),
                    split => Networks.Cnn.Train(split, Cap(Networks.Cnn.Defaults with { Threads = 2 }, 20)));
                yield return Vote($"vote-cnn-logreg-{r}", leads, residual,
                    split => Networks.Cnn.Train(split, Cap(Networks.Cnn.Defaults with { Threads = 2 }, 20)),
                    split => ClassicalModels.LogisticRegression.Train(split, CapClassical(new ClassicalOptions { Threads = 2 }, 20)));
            }
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
            var result = InterPatientCrossValidation.Run(ds1, variant.Train);
            var pooled = result.Matrix();
            Console.WriteLine($"| {variant.Name} | {Se(pooled, 0)} | {Se(pooled, 1)} | {PlusP(pooled, 1)} | {Se(pooled, 2)} | {PlusP(pooled, 2)} | {Se(pooled, 3)} | {PlusP(pooled, 3)} | " +
                              $"{MacroF1(pooled):0.000} | {clock.Elapsed.TotalMinutes:0.0} |");
            Console.Error.WriteLine($"{variant.Name}: beats wrongly called S, by record: {string.Join(", ", result.FalseCalls(1).Take(8).Select(p => $"{p.Record} {p.Count}"))}");
            // The same predictions with the S probability scaled before the arg-max: what a decision threshold chosen on DS1 would give.
            foreach (double factor in new[] { 1.5, 2, 3, 4, 6 })
            {
                var m = result.Matrix(1, factor);
                Console.WriteLine($"| {variant.Name}, S x{factor} | {Se(m, 0)} | {Se(m, 1)} | {PlusP(m, 1)} | {Se(m, 2)} | {PlusP(m, 2)} | {Se(m, 3)} | {PlusP(m, 3)} | {MacroF1(m):0.000} | |");
            }
        }
    }


    private static string Se(ConfusionMatrix m, int c) => Pct(m[c, c], Enumerable.Range(0, AamiMapping.ClassCount).Sum(t => m[c, t]));

    private static string PlusP(ConfusionMatrix m, int c) => Pct(m[c, c], Enumerable.Range(0, AamiMapping.ClassCount).Sum(r => m[r, c]));

    private static string Pct(long a, long b) => b == 0 ? "-" : $"{100.0 * a / b:0.0}";

    private static double MacroF1(ConfusionMatrix m) => Enumerable.Range(0, 4).Average(c =>
    {
        double tp = m[c, c], fn = Enumerable.Range(0, AamiMapping.ClassCount).Sum(t => m[c, t]) - tp, fp = Enumerable.Range(0, AamiMapping.ClassCount).Sum(r => m[r, c]) - tp;
        return tp == 0 ? 0 : 2 * tp / (2 * tp + fn + fp);
    });
}
