using EcgBeats.Beats;
using EcgBeats.Metrics;
using EcgBeats.Rhythms;
using EcgBeats.Wfdb;

namespace EcgBeats.Protocols;

/// <summary>One AF threshold's DS1 cross-validated result.</summary>
/// <param name="Threshold">The detector's irregularity threshold.</param>
/// <param name="Episodes">Each record's AF episode comparison against the reference (EC57: from minute 5, as <c>epicmp -A</c>).</param>
/// <param name="Gated">The pooled confusion matrix after <see cref="RhythmGate"/>.</param>
/// <param name="FalseSInAf">Beats wrongly called S after the gate, in records whose reference has AF or flutter.</param>
public sealed record RhythmThresholdResult(double Threshold, IReadOnlyList<EpisodeComparison> Episodes, ConfusionMatrix Gated, long FalseSInAf)
{
    /// <summary>Gross AF statistics over the records.</summary>
    public EpisodeTotals Af => EpisodeTotals.Of(Episodes);
}

/// <summary>What <see cref="RhythmCrossValidation.Run"/> found: the model's calls as they are, then each threshold's.</summary>
/// <param name="AfRecords">The records whose reference has atrial fibrillation or flutter (rhythm changes <c>(AFIB</c>, <c>(AFL</c>).</param>
/// <param name="Ungated">The pooled confusion matrix of the calls as the model made them.</param>
/// <param name="UngatedFalseSInAf">Beats wrongly called S by the model in <see cref="AfRecords"/>.</param>
/// <param name="Thresholds">Each threshold's result, in the order given.</param>
public sealed record RhythmCrossValidationResult(IReadOnlyList<string> AfRecords, ConfusionMatrix Ungated, long UngatedFalseSInAf,
    IReadOnlyList<RhythmThresholdResult> Thresholds);

/// <summary>
/// How the AF detector and the rhythm gate do on patients they never saw, from DS1 alone: a cross-validation's pooled
/// predictions (<see cref="InterPatientCrossValidation"/>) supply each beat's call (the detector leaves out the
/// intervals at beats not called N) and its class; the detector runs on each record's beat times; the episodes are compared with
/// the reference's rhythm annotations as <c>epicmp -A</c> does; S calls inside detected AF become N. The detector has
/// no trained part, so the cross-validation's held-out predictions are all it needs to see records as new.
/// </summary>
public static class RhythmCrossValidation
{
    /// <summary>The thresholds <c>cross-validate --rhythm</c> compares.</summary>
    public static IReadOnlyList<double> Thresholds { get; } = [0.02, 0.025, 0.03, 0.035, 0.04, 0.045, 0.05, 0.055, 0.06, 0.07, 0.08];

    /// <summary>Evaluates each threshold.</summary>
    /// <param name="cv">The pooled held-out predictions (beats of a record in time order).</param>
    /// <param name="dataDirectory">Where each record's header and reference annotations (<c>.atr</c>) are.</param>
    /// <param name="thresholds">The irregularity thresholds to try.</param>
    /// <param name="cancel">Stops between records.</param>
    /// <param name="pWaveThreshold">With a value, the detector also reads P waves (<see cref="AtrialFibrillationDetector.PWaveThreshold"/>) from each record's MLII lead (else its first).</param>
    public static RhythmCrossValidationResult Run(CrossValidationResult cv, string dataDirectory, IReadOnlyList<double> thresholds, CancellationToken cancel = default,
        double? pWaveThreshold = null)
    {
        int[] predicted = cv.Predicted();
        var byRecord = Enumerable.Range(0, cv.Labels.Length).GroupBy(i => cv.Records[i]).ToList();
        var records = byRecord.Select(g =>
        {
            cancel.ThrowIfCancellationRequested();
            string path = Path.Combine(dataDirectory, g.Key);
            var header = RecordReader.ReadHeader(path);
            var reference = AnnotationReader.ReadFile(path + ".atr", header.SamplingFrequency);
            var beats = g.OrderBy(i => cv.Samples[i]).ToArray();
            bool hasAf = RhythmEpisode.HoldAtrialFibrillationOrFlutter(reference);
            double[]? lead = pWaveThreshold is null ? null : AtrialLead(path);
            return (Name: g.Key, Header: header, Reference: reference, Beats: beats, HasAf: hasAf, Lead: lead);
        }).ToList();
        var afRecords = records.Where(r => r.HasAf).ToList();
        long FalseS(int[] calls) => afRecords.Sum(r => r.Beats.LongCount(i => calls[i] == (int)AamiClass.S && cv.Labels[i] != (int)AamiClass.S));
        var results = new List<RhythmThresholdResult>();
        foreach (double threshold in thresholds)
        {
            // With P waves the sweep moves the threshold for beats whose P waves are read; the others keep beat times' default.
            var detector = pWaveThreshold is null
                ? new AtrialFibrillationDetector { Threshold = threshold, PWaveThreshold = null }
                : new AtrialFibrillationDetector { ThresholdWithPWaves = threshold, PWaveThreshold = pWaveThreshold };
            var gated = (int[])predicted.Clone();
            var comparisons = new List<EpisodeComparison>();
            foreach (var r in records)
            {
                var positions = r.Beats.Select(i => cv.Samples[i]).ToArray();
                var calls = RhythmAwareCalls.Of(positions, r.Beats.Select(i => (AamiClass)predicted[i]).ToArray(), r.Header.SamplingFrequency, detector, r.Lead);
                for (int b = 0; b < r.Beats.Length; b++) gated[r.Beats[b]] = (int)calls.Classes[b];
                var test = RhythmEpisode.ToAnnotations(calls.Episodes, positions, r.Header.SamplingFrequency);
                comparisons.Add(EpisodeComparator.Compare(r.Name, r.Reference, test, r.Header.SamplingFrequency, r.Header.SampleCount ?? 0));
            }
            var matrix = ConfusionMatrix.From(cv.Labels, gated, cv.Probabilities.ClassCount);
            results.Add(new RhythmThresholdResult(threshold, comparisons, matrix, FalseS(gated)));
        }
        return new RhythmCrossValidationResult(afRecords.Select(r => r.Name).Order(StringComparer.Ordinal).ToList(),
            ConfusionMatrix.From(cv.Labels, predicted, cv.Probabilities.ClassCount), FalseS(predicted), results);
    }

    /// <summary>A DS1 record's lead for P waves, filtered (<see cref="AtrialActivity.Filter"/>): MLII, else its first signal.</summary>
    /// <param name="path">The record's path (data folder and name).</param>
    public static double[] AtrialLead(string path)
    {
        var record = RecordReader.Read(path);
        int signal = Enumerable.Range(0, record.Header.Signals.Count).FirstOrDefault(s => record.Header.Signals[s].Description == "MLII");
        return AtrialActivity.Filter(record.Physical(signal), record.SamplingFrequency);
    }
}
