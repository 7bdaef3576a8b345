using EcgBeats.Adaptation;
using EcgBeats.Beats;
using EcgBeats.Metrics;

namespace EcgBeats.Protocols;

/// <summary>One adaptation setting's pooled result from <see cref="PatientAdaptiveCrossValidation"/>.</summary>
/// <param name="Settings">The setting (null: the base model, unadapted).</param>
/// <param name="Matrix">Pooled over the held-out records' beats after the labelled span (reference class x predicted class).</param>
/// <param name="FalseS">Beats wrongly called S after the span, by record, most first.</param>
public sealed record AdaptationResult(AdaptationSettings? Settings, ConfusionMatrix Matrix, IReadOnlyList<(string Record, int Count)> FalseS);

/// <summary>
/// EC57's patient-specific protocol on DS1: every record is held out by the record-fold cross-validation (its base model
/// never saw it), its beats up to <c>labelledSeconds</c> are labelled from the reference (the simulated analyst), the
/// base model is adapted on them, and the beats after that span are scored. The base model's predictions come from an
/// <see cref="InterPatientCrossValidation"/> result, so one cross-validation serves every setting. DS2 is never read.
/// </summary>
public static class PatientAdaptiveCrossValidation
{
    /// <summary>EC57's training span: the first 5 minutes of each record may be used to train; scoring starts there.</summary>
    public const double Ec57Seconds = 300;

    /// <summary>Scores the base model and each of <paramref name="settings"/> on the beats after the labelled span.</summary>
    /// <param name="cv">The base model's pooled held-out predictions.</param>
    /// <param name="ds1">The same beats with their values (matched by record and sample).</param>
    /// <param name="samplingFrequency">Each record's sampling rate, Hz.</param>
    /// <param name="labelledSeconds">The labelled span from the start of each record, s.</param>
    /// <param name="settings">The adaptations to try.</param>
    /// <param name="rhythm">With a detector, each record's calls (all its beats, adapted) go through the rhythm gate before the beats after the span are scored, as <c>annotate</c> does.</param>
    /// <param name="lead">Each record's lead for P waves (<see cref="Rhythms.AtrialActivity.Filter"/>), or null: beat times alone.</param>
    /// <exception cref="InvalidInputException">A held-out beat missing from <paramref name="ds1"/>.</exception>
    public static IReadOnlyList<AdaptationResult> Run(CrossValidationResult cv, LabelledBeats ds1, Func<string, double> samplingFrequency,
        double labelledSeconds, IReadOnlyList<AdaptationSettings> settings, Rhythms.AtrialFibrillationDetector? rhythm = null, Func<string, double[]?>? lead = null)
    {
        var origins = ds1.Origins ?? throw new InvalidInputException("the beats do not say which record each is from");
        var index = new Dictionary<(string, long), int>();
        for (int i = 0; i < ds1.Count; i++) index[(origins[i].Record, origins[i].Sample)] = i;
        int classes = cv.Probabilities.ClassCount;
        var labels = new List<int>();
        var records = new List<string>();
        var basePredicted = new List<int>();
        var adapted = settings.Select(_ => new List<int>()).ToList();
        foreach (var record in Enumerable.Range(0, cv.Labels.Length).GroupBy(i => cv.Records[i]))
        {
            double fs = samplingFrequency(record.Key);
            long until = (long)Math.Round(labelledSeconds * fs);
            var rows = record.OrderBy(i => cv.Samples[i]).ToArray();
            var beats = ds1.Select(rows.Select(i => index.TryGetValue((cv.Records[i], cv.Samples[i]), out int at)
                ? at : throw new InvalidInputException($"record {cv.Records[i]}: no beat at sample {cv.Samples[i]} among the beats given")).ToList());
            var global = new Classification.ClassProbabilities(rows.SelectMany(i => cv.Probabilities.Row(i).ToArray()).ToArray(), classes);
            var labelled = Enumerable.Range(0, rows.Length).Where(k => cv.Samples[rows[k]] < until).ToList();
            var scored = Enumerable.Range(0, rows.Length).Where(k => cv.Samples[rows[k]] >= until).ToList();
            long[] positions = rows.Select(i => cv.Samples[i]).ToArray();
            double[]? atrial = rhythm is null ? null : lead?.Invoke(record.Key);
            // Every beat's call, then (with a detector) the rhythm gate over the whole record, as annotate does.
            int[] Calls(Classification.ClassProbabilities p)
            {
                int[] calls = Enumerable.Range(0, rows.Length).Select(p.Predicted).ToArray();
                if (rhythm is null) return calls;
                var gated = Rhythms.RhythmAwareCalls.Of(positions, calls.Select(c => AamiMapping.Classes[c]).ToArray(), fs, rhythm, atrial);
                return gated.Classes.Select(c => (int)c).ToArray();
            }
            labels.AddRange(scored.Select(k => cv.Labels[rows[k]]));
            records.AddRange(scored.Select(_ => record.Key));
            int[] baseCalls = Calls(global);
            basePredicted.AddRange(scored.Select(k => baseCalls[k]));
            for (int s = 0; s < settings.Count; s++)
            {
                var local = labelled.Count == 0 ? null : settings[s].Fit(beats.Unlabelled.Select(labelled), labelled.Select(k => beats.Labels[k]).ToList());
                var p = local is null ? global : PatientAdaptation.Combine(global, beats.Unlabelled, local, settings[s].LocalWeight);
                int[] calls = Calls(p);
                adapted[s].AddRange(scored.Select(k => calls[k]));
            }
        }
        int[] truth = [.. labels];
        IReadOnlyList<(string, int)> FalseS(List<int> predicted) => Enumerable.Range(0, truth.Length)
            .Where(i => predicted[i] == (int)AamiClass.S && truth[i] != (int)AamiClass.S).GroupBy(i => records[i])
            .Select(g => (g.Key, g.Count())).OrderByDescending(g => g.Item2).ThenBy(g => g.Key, StringComparer.Ordinal).ToList();
        return [new AdaptationResult(null, ConfusionMatrix.From(truth, [.. basePredicted], classes), FalseS(basePredicted)),
            .. settings.Select((s, k) => new AdaptationResult(s, ConfusionMatrix.From(truth, [.. adapted[k]], classes), FalseS(adapted[k])))];
    }
}
