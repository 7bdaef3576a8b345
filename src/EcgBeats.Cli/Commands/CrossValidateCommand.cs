using System.CommandLine;
using System.Globalization;
using EcgBeats.Adaptation;
using EcgBeats.Beats;
using EcgBeats.Datasets;
using EcgBeats.Metrics;
using EcgBeats.Models;
using EcgBeats.PhysioNet;
using EcgBeats.Protocols;
using EcgBeats.Wfdb;
using Spectre.Console;

namespace EcgBeats.Cli.Commands;

/// <summary>
/// <c>ecgbeats cross-validate</c>: how a model kind, with given options, does on patients it never saw, from DS1 alone
/// (<see cref="InterPatientCrossValidation"/>): the protocol every inter-patient choice is made by. DS2 is refused.
/// </summary>
internal static class CrossValidateCommand
{
    /// <summary>Factors the S probability is scaled by in the extra rows (a decision threshold chosen on DS1).</summary>
    private static readonly double[] SFactors = [1.5, 2, 3, 4, 6];

    public static Command Create()
    {
        var registry = EcgBeatsApp.Models;
        var model = new Option<string>("--model") { Description = $"What to cross-validate: {KindHelp.Kinds(registry)}.", Required = true };
        model.AcceptOnlyFromAmong([.. registry.Kinds.Select(k => k.Name)]);
        var records = new Option<string[]>("--records")
        {
            Description = $"The records to deal into {InterPatientCrossValidation.Folds} folds (default: de Chazal's DS1; DS2 records are refused).",
            AllowMultipleArgumentsPerToken = true,
            HelpName = "RECORD",
        };
        var rhythm = new Option<bool>("--rhythm")
        {
            Description = "Also detect AF from the times of each held-out record's beats the model calls N, at several thresholds: AF episode and duration Se/+P against the reference (as epicmp -A), and the beats with S calls inside AF made N. Beat times alone unless --p-wave-threshold is given (annotate also reads P waves: --p-wave-threshold 0.5 is what it does).",
        };
        var pWaves = new Option<double[]>("--p-wave-threshold")
        {
            Description = "With --rhythm: a beat whose neighbours share a P wave at least this consistently (a correlation, e.g. 0.5) is not in AF, however irregular (Rhythms/AtrialActivity; read from each record's MLII lead). Several values: a table for each, from one cross-validation.",
            HelpName = "R",
            AllowMultipleArgumentsPerToken = true,
        };
        var adapt = new Option<double?>("--adapt-minutes")
        {
            Description = "Also adapt each held-out record's model to its first M minutes, labelled from the reference (EC57's patient-specific protocol: M = 5), and score the beats after them: the base model, then each adaptation setting tried (Adaptation/PatientAdaptation; docs/patient-adaptive.md). With --rhythm, a second table with annotate's rhythm gate.",
            HelpName = "M",
        };
        var adaptBeats = new Option<int[]>("--adapt-beats")
        {
            Description = "Also adapt each held-out record's model to the beats an analyst would confirm ('ecgbeats review': clusters' typical beats, then the least sure), labelled from the reference, e.g. 2 6 12, and score the beats after minute 5: each count with labels spread to their clusters and without. With --rhythm, gated as annotate does.",
            HelpName = "N",
            AllowMultipleArgumentsPerToken = true,
        };
        var flags = new ModelOptionFlags(registry);
        var command = new Command("cross-validate",
            $"Cross-validate a model kind on whole DS1 records ({InterPatientCrossValidation.Folds} record folds: each the test once, the next the validation), the inter-patient representation, nothing written.")
        {
            model, records, rhythm, pWaves, adapt, adaptBeats,
        };
        foreach (var flag in flags.Options) command.Options.Add(flag);
        command.SetAction(async (parse, cancel) =>
        {
            await Task.Yield();
            var kind = registry.Find(parse.GetValue(model)!)!;
            var given = flags.Given(parse);
            // An ensemble's options and those of the members it trains on each fold.
            ModelOptionFlags.Check(given, kind, [.. kind.Members(registry, given), kind]);
            if (parse.GetValue(adaptBeats) is { } asked && asked.Any(b => b < 1))
                throw new InvalidInputException($"--adapt-beats {asked.First(b => b < 1)}: each count must be at least 1 beat");
            if (parse.GetValue(adapt) is double span && !(span > 0 && double.IsFinite(span)))
                throw new InvalidInputException($"--adapt-minutes {span}: must be a positive number of minutes");
            var chosen = parse.GetValue(records) is { Length: > 0 } named ? named.ToList() : DeChazal2004Split.Ds1.ToList();
            if (chosen.Intersect(DeChazal2004Split.Ds2).FirstOrDefault() is { } ds2)
                throw new InvalidInputException($"--records: {ds2} is a DS2 record; DS2 is read once per declared model (docs/inter-patient.md), never to choose one");
            if (chosen.Distinct().Count() < InterPatientCrossValidation.Folds)
                throw new InvalidInputException($"--records: {chosen.Distinct().Count()} records cannot make {InterPatientCrossValidation.Folds} folds");
            string data = DataLocation.Resolve(parse.GetValue(EcgBeatsApp.DataOption)).Directory;
            var output = parse.InvocationConfiguration.Output;
            output.WriteLine($"Cutting {chosen.Count} records from {data} ({InterPatientProtocol.Representation().Recipe.Describe()})");
            var beats = DatasetBuilder.ExtractAll(data, chosen, new DatasetRecipe(InterPatientProtocol.Representation(), SplitKind.Inter));
            output.WriteLine($"{beats.Count:N0} beats (N, S, V, F, Q = {string.Join(", ", beats.ClassCounts().Select(c => c.ToString("N0", CultureInfo.InvariantCulture)))}); {kind.Name} {given}");
            // Every option the kind resolves to, defaults included: an ensemble's own class factors (ensemble-classwise
            // scales S by 1.5) are already in "as predicted", and the S factors below multiply them.
            output.WriteLine($"{kind.Name} options: {string.Join(", ", kind.Resolve(InterPatientCrossValidation.OptionsFor(kind, given)).Select(p => $"{p.Key} {p.Value}"))}");
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var result = InterPatientCrossValidation.Run(beats, kind, given, registry,
                new SynchronousProgress<int>(f => output.WriteLine($"fold {f}/{InterPatientCrossValidation.Folds} done ({clock.Elapsed.TotalSeconds:0} s)")), cancel);

            var table = new Table().AddColumns("S probability (x the kind's own)", "N Se", "S Se", "S +P", "V Se", "V +P", "F Se", "F +P", "macro-F1 (N S V F)");
            foreach (double factor in SFactors.Prepend(1))
            {
                var m = result.Matrix((int)AamiClass.S, factor);
                string Pct(double v, long n) => n == 0 ? "-" : (100 * v).ToString("0.0", CultureInfo.InvariantCulture);
                table.AddRow([factor == 1 ? "as predicted" : $"x{factor.ToString(CultureInfo.InvariantCulture)}",
                    Pct(m.Recall(0), m.Support(0)), Pct(m.Recall(1), m.Support(1)), Pct(m.Precision(1), m.PredictedCount(1)),
                    Pct(m.Recall(2), m.Support(2)), Pct(m.Precision(2), m.PredictedCount(2)), Pct(m.Recall(3), m.Support(3)), Pct(m.Precision(3), m.PredictedCount(3)),
                    Enumerable.Range(0, 4).Average(m.F1).ToString("0.000", CultureInfo.InvariantCulture)]);
            }
            Terminal.For(output).Write(table);
            // The pooled counts behind the table, so that a rerun can be compared to the beat, not to one decimal.
            var pooled = result.Matrix();
            var counts = new Table().AddColumns(["reference \\ predicted", .. AamiMapping.Classes.Select(l => l.ToString())]);
            for (int r = 0; r < pooled.ClassCount; r++)
                counts.AddRow([AamiMapping.Classes[r].ToString(), .. Enumerable.Range(0, pooled.ClassCount).Select(c => pooled[r, c].ToString("N0", CultureInfo.InvariantCulture))]);
            output.WriteLine("Pooled confusion matrix (as predicted; rows: reference class):");
            Terminal.For(output).Write(counts);
            output.WriteLine($"beats wrongly called S, by record: {string.Join(", ", result.FalseCalls((int)AamiClass.S).Take(8).Select(p => $"{p.Record} {p.Count}"))}");
            if (parse.GetValue(rhythm))
            {
                double?[] pWaveThresholds = parse.GetValue(pWaves) is { Length: > 0 } values ? [.. values.Select(v => (double?)v)] : [null];
                foreach (double? p in pWaveThresholds)
                    WriteRhythm(output, RhythmCrossValidation.Run(result, data, RhythmCrossValidation.Thresholds, cancel, p), p);
            }
            var rates = chosen.Distinct().ToDictionary(r => r, r => RecordReader.ReadHeader(Path.Combine(data, r)).SamplingFrequency);
            if (parse.GetValue(adapt) is double minutes)
            {
                WriteAdaptation(output, PatientAdaptiveCrossValidation.Run(result, beats, r => rates[r], minutes * 60, AdaptationGrid), minutes, null);
                if (parse.GetValue(rhythm))
                {
                    // The declared gate, P waves read from MLII (else the first signal), as annotate does.
                    var detector = new Rhythms.AtrialFibrillationDetector();
                    WriteAdaptation(output, PatientAdaptiveCrossValidation.Run(result, beats, r => rates[r], minutes * 60, AdaptationGrid, detector,
                        r => RhythmCrossValidation.AtrialLead(Path.Combine(data, r))), minutes, detector);
                }
            }
            if (parse.GetValue(adaptBeats) is { Length: > 0 } beatCounts)
            {
                ReviewSettings[] reviews = [.. from b in beatCounts from share in ReviewShares from spread in new[] { true, false } select new ReviewSettings(b, share, spread)];
                var detector = parse.GetValue(rhythm) ? new Rhythms.AtrialFibrillationDetector() : null;
                WriteAdaptation(output, PatientAdaptiveCrossValidation.RunConfirmed(result, beats, r => rates[r], reviews, new AdaptationSettings(),
                    MlNet.Clustering.KMeansBeatClusterer.Instance, detector, detector is null ? null : r => RhythmCrossValidation.AtrialLead(Path.Combine(data, r))), null, detector);
            }
            return (int)ExitCode.Success;
        });
        return command;
    }

    /// <summary>The shares of confirmed beats that are clusters' typical beats <c>--adapt-beats</c> tries (<see cref="ReviewSettings.TypicalShare"/>).</summary>
    private static readonly double[] ReviewShares = [2.0 / 3, 1];

    /// <summary>The adaptation settings <c>--adapt-minutes</c> tries: the local weight, the shrinkage and the priors.</summary>
    private static readonly AdaptationSettings[] AdaptationGrid =
        [.. from m in new[] { 1, 5, 20 } from ms in new[] { 1, 5, 20, 50, int.MaxValue } where ms >= m
            select new AdaptationSettings(LocalWeight: 1, Shrinkage: 0.2, EqualPriors: true, MinimumBeats: m, MinimumSBeats: ms)];

    private static void WriteAdaptation(TextWriter output, IReadOnlyList<AdaptationResult> results, double? minutes, Rhythms.AtrialFibrillationDetector? gate)
    {
        static string Pct(double v, long n) => n == 0 ? "-" : (100 * v).ToString("0.0", CultureInfo.InvariantCulture);
        var table = new Table().AddColumns("adaptation", "N Se", "S Se", "S +P", "V Se", "V +P", "F Se", "F +P", "macro-F1 (N S V F)");
        foreach (var r in results)
        {
            var m = r.Matrix;
            table.AddRow(r.Settings is null ? "none (the base model)" : r.Review is { } review ? $"{review}; {r.Spread:N0} beats spread" : r.Settings.ToString(), Pct(m.Recall(0), m.Support(0)), Pct(m.Recall(1), m.Support(1)), Pct(m.Precision(1), m.PredictedCount(1)),
                Pct(m.Recall(2), m.Support(2)), Pct(m.Precision(2), m.PredictedCount(2)), Pct(m.Recall(3), m.Support(3)), Pct(m.Precision(3), m.PredictedCount(3)),
                Enumerable.Range(0, 4).Average(m.F1).ToString("0.000", CultureInfo.InvariantCulture));
        }
        output.WriteLine($"Adapted to each held-out record's {(minutes is double m0 ? $"first {m0.ToString(CultureInfo.InvariantCulture)} minutes" : "confirmed beats")} (reference labels); the beats after {(minutes is null ? "minute 5" : "them")}, pooled, {(gate is null ? "no rhythm gate" : $"with the rhythm gate ({gate.Describe()})")}:");
        Terminal.For(output).Write(table);
        foreach (var r in results.Where(r => r.Settings is null || (r.Review is null && r.Settings == new AdaptationSettings())))
            output.WriteLine($"{(r.Settings is null ? "base model" : "default adaptation")}: beats wrongly called S, by record: {string.Join(", ", r.FalseS.Take(8).Select(p => $"{p.Record} {p.Count}"))}");
    }

    private static void WriteRhythm(TextWriter output, RhythmCrossValidationResult rhythm, double? pWaves)
    {
        static string P(double? v) => v is double x ? x.ToString("0.0", CultureInfo.InvariantCulture) : "-";
        static string Pct(double v, long n) => n == 0 ? "-" : (100 * v).ToString("0.0", CultureInfo.InvariantCulture);
        var table = new Table().AddColumns("AF threshold", "AF episode Se", "AF episode +P", "AF duration Se", "AF duration +P", "AF s (ref / test)",
            "S Se", "S +P", "V Se", "V +P", "macro-F1 (N S V F)", "false S in AF records");
        var plain = rhythm.Ungated;
        table.AddRow("no rhythm gate", "", "", "", "", "", Pct(plain.Recall(1), plain.Support(1)), Pct(plain.Precision(1), plain.PredictedCount(1)),
            Pct(plain.Recall(2), plain.Support(2)), Pct(plain.Precision(2), plain.PredictedCount(2)),
            Enumerable.Range(0, 4).Average(plain.F1).ToString("0.000", CultureInfo.InvariantCulture), rhythm.UngatedFalseSInAf.ToString("N0", CultureInfo.InvariantCulture));
        foreach (var row in rhythm.Thresholds)
        {
            var af = row.Af;
            var m = row.Gated;
            table.AddRow(row.Threshold.ToString("0.000", CultureInfo.InvariantCulture), P(af.EpisodeSensitivity), P(af.EpisodePositivePredictivity),
                P(af.DurationSensitivity), P(af.DurationPositivePredictivity), $"{af.ReferenceSeconds:0} / {af.TestSeconds:0}",
                Pct(m.Recall(1), m.Support(1)), Pct(m.Precision(1), m.PredictedCount(1)), Pct(m.Recall(2), m.Support(2)), Pct(m.Precision(2), m.PredictedCount(2)),
                Enumerable.Range(0, 4).Average(m.F1).ToString("0.000", CultureInfo.InvariantCulture), row.FalseSInAf.ToString("N0", CultureInfo.InvariantCulture));
        }
        output.WriteLine($"AF from beat times{(pWaves is { } p ? $" and P waves (consistency below {p.ToString("0.00", CultureInfo.InvariantCulture)})" : "")} (records with reference AF or flutter: {string.Join(", ", rhythm.AfRecords)}; episodes from minute 5, as epicmp -A):");
        Terminal.For(output).Write(table);
        double shown = pWaves is null ? Rhythms.AtrialFibrillationDetector.DefaultThreshold : Rhythms.AtrialFibrillationDetector.DefaultThresholdWithPWaves;
        foreach (var row in rhythm.Thresholds.Where(r => Math.Abs(r.Threshold - shown) < 1e-9))
            output.WriteLine($"at {row.Threshold:0.000}, AF test seconds by record: {string.Join(", ", row.Episodes.Where(e => e.TestDuration > 0 || e.ReferenceDuration > 0).Select(e => $"{e.Record} {e.ReferenceSeconds:0}/{e.TestSeconds:0}"))}");
    }
}
