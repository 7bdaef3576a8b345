using EcgBeats.Adaptation;
using EcgBeats.Beats;
using EcgBeats.Classification;
using EcgBeats.Metrics;

namespace EcgBeats.Protocols;

/// <summary>One adaptation setting's pooled result from <see cref="PatientAdaptiveCrossValidation"/>.</summary>
/// <param name="Settings">The setting (null: the base model, unadapted).</param>
/// <param name="Matrix">Pooled over the held-out records' beats after the labelled span (reference class x predicted class).</param>
/// <param name="FalseS">Beats wrongly called S after the span, by record, most first.</param>
/// <param name="Review">With confirmed beats (<see cref="PatientAdaptiveCrossValidation.RunConfirmed"/>): how they were chosen; null with labelled minutes.</param>
/// <param name="Spread">With confirmed beats: the beats that took a confirmed label from their cluster, all records.</param>
public sealed record AdaptationResult(AdaptationSettings? Settings, ConfusionMatrix Matrix, IReadOnlyList<(string Record, int Count)> FalseS,
    ReviewSettings? Review = null, int Spread = 0);

/// <summary>
/// EC57's patient-specific protocol on DS1: every record is held out by the record-fold cross-validation (its base model
/// never saw it), a few of its beats are labelled from the reference (the simulated analyst): its first minutes
/// (<see cref="Run"/>) or the beats a review chooses (<see cref="RunConfirmed"/>); the base model is adapted on them, and
/// the beats after minute 5 (or after the labelled span) are scored. The base model's predictions come from an
/// <see cref="InterPatientCrossValidation"/> result, so one cross-validation serves every setting. DS2 is never read.
/// </summary>
public static class PatientAdaptiveCrossValidation
{
    /// <summary>EC57's training span: the first 5 minutes of each record may be used to train; scoring starts there.</summary>
    public const double Ec57Seconds = 300;

    /// <summary>One held-out record: its beats (in time order), the base model's probabilities and the reference labels.</summary>
    private sealed record HeldOut(string Record, double SamplingFrequency, LabelledBeats Beats, ClassProbabilities Global, long[] Samples);

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
        var variants = settings.Select(s => (Func<HeldOut, (ClassProbabilities, int)>)(r =>
        {
            long until = (long)Math.Round(labelledSeconds * r.SamplingFrequency);
            var labelled = Enumerable.Range(0, r.Samples.Length).Where(k => r.Samples[k] < until).ToList();
            var local = labelled.Count == 0 ? null : s.Fit(r.Beats.Unlabelled.Select(labelled), labelled.Select(k => r.Beats.Labels[k]).ToList());
            return (local is null ? r.Global : PatientAdaptation.Combine(r.Global, r.Beats.Unlabelled, local, s.LocalWeight), 0);
        })).ToList();
        var scored = Score(cv, ds1, samplingFrequency, labelledSeconds, variants, rhythm, lead);
        return [scored[0] with { Settings = null }, .. settings.Select((s, k) => scored[k + 1] with { Settings = s })];
    }

    /// <summary>
    /// The confirmed-beat protocol: for each review setting (e.g. 2, 6 and 12 beats), each held-out record's beats are
    /// reviewed (<see cref="BeatReview.Choose"/> on the base model's probabilities), the chosen beats take their reference
    /// class (the simulated analyst), labels spread as the review setting says, the base model is adapted with
    /// <paramref name="adaptation"/>, and the beats after minute 5 are scored, as with labelled minutes.
    /// </summary>
    /// <param name="cv">The base model's pooled held-out predictions.</param>
    /// <param name="ds1">The same beats with their values.</param>
    /// <param name="samplingFrequency">Each record's sampling rate, Hz.</param>
    /// <param name="reviews">The review settings to try.</param>
    /// <param name="adaptation">How the confirmed (and spread) beats adapt the base model.</param>
    /// <param name="clusterer">The clustering the review uses.</param>
    /// <param name="rhythm">The rhythm gate, as in <see cref="Run"/>.</param>
    /// <param name="lead">Each record's lead for P waves, as in <see cref="Run"/>.</param>
    public static IReadOnlyList<AdaptationResult> RunConfirmed(CrossValidationResult cv, LabelledBeats ds1, Func<string, double> samplingFrequency,
        IReadOnlyList<ReviewSettings> reviews, AdaptationSettings adaptation, IBeatClusterer clusterer,
        Rhythms.AtrialFibrillationDetector? rhythm = null, Func<string, double[]?>? lead = null)
    {
        var variants = reviews.Select(review => (Func<HeldOut, (ClassProbabilities, int)>)(r =>
        {
            var selection = BeatReview.Choose(r.Beats.Unlabelled, r.Global, clusterer, review);
            var confirmed = selection.Chosen.ToDictionary(b => b.Index, b => r.Beats.Labels[b.Index]);
            var spread = BeatReview.Spread(r.Beats.Unlabelled, selection.Clusters, confirmed, review.SpreadToClusters);
            var local = adaptation.Fit(spread.Beats.Unlabelled, spread.Beats.Labels);
            return (local is null ? r.Global : PatientAdaptation.Combine(r.Global, r.Beats.Unlabelled, local, adaptation.LocalWeight), spread.Spread);
        })).ToList();
        var scored = Score(cv, ds1, samplingFrequency, Ec57Seconds, variants, rhythm, lead);
        return [scored[0], .. reviews.Select((review, k) => scored[k + 1] with { Settings = adaptation, Review = review })];
    }

    /// <summary>The base model (first) and each variant, scored on every record's beats from <paramref name="scoredFromSeconds"/>.</summary>
    private static List<AdaptationResult> Score(CrossValidationResult cv, LabelledBeats ds1, Func<string, double> samplingFrequency, double scoredFromSeconds,
        IReadOnlyList<Func<HeldOut, (ClassProbabilities Probabilities, int Spread)>> variants, Rhythms.AtrialFibrillationDetector? rhythm, Func<string, double[]?>? lead)
    {
        var origins = ds1.Origins ?? throw new InvalidInputException("the beats do not say which record each is from");
        var index = new Dictionary<(string, long), int>();
        for (int i = 0; i < ds1.Count; i++) index[(origins[i].Record, origins[i].Sample)] = i;
        int classes = cv.Probabilities.ClassCount;
        var labels = new List<int>();
        var records = new List<string>();
        var predicted = Enumerable.Range(0, variants.Count + 1).Select(_ => new List<int>()).ToList();
        var spread = new int[variants.Count + 1];
        foreach (var record in Enumerable.Range(0, cv.Labels.Length).GroupBy(i => cv.Records[i]))
        {
            double fs = samplingFrequency(record.Key);
            long from = (long)Math.Round(scoredFromSeconds * fs);
            var rows = record.OrderBy(i => cv.Samples[i]).ToArray();
            var beats = ds1.Select(rows.Select(i => index.TryGetValue((cv.Records[i], cv.Samples[i]), out int at)
                ? at : throw new InvalidInputException($"record {cv.Records[i]}: no beat at sample {cv.Samples[i]} among the beats given")).ToList());
            var global = new ClassProbabilities(rows.SelectMany(i => cv.Probabilities.Row(i).ToArray()).ToArray(), classes);
            long[] positions = rows.Select(i => cv.Samples[i]).ToArray();
            var heldOut = new HeldOut(record.Key, fs, new LabelledBeats(beats.Unlabelled, rows.Select(i => cv.Labels[i]).ToArray()), global, positions);
            var scored = Enumerable.Range(0, rows.Length).Where(k => positions[k] >= from).ToList();
            double[]? atrial = rhythm is null ? null : lead?.Invoke(record.Key);
            // Every beat's call, then (with a detector) the rhythm gate over the whole record, as annotate does.
            int[] Calls(ClassProbabilities p)
            {
                int[] calls = Enumerable.Range(0, rows.Length).Select(p.Predicted).ToArray();
                if (rhythm is null) return calls;
                var gated = Rhythms.RhythmAwareCalls.Of(positions, calls.Select(c => AamiMapping.Classes[c]).ToArray(), fs, rhythm, atrial);
                return gated.Classes.Select(c => (int)c).ToArray();
            }
            labels.AddRange(scored.Select(k => cv.Labels[rows[k]]));
            records.AddRange(scored.Select(_ => record.Key));
            for (int v = 0; v <= variants.Count; v++)
            {
                var (p, s) = v == 0 ? (global, 0) : variants[v - 1](heldOut);
                spread[v] += s;
                int[] calls = Calls(p);
                predicted[v].AddRange(scored.Select(k => calls[k]));
            }
        }
        int[] truth = [.. labels];
        IReadOnlyList<(string, int)> FalseS(List<int> calls) => Enumerable.Range(0, truth.Length)
            .Where(i => calls[i] == (int)AamiClass.S && truth[i] != (int)AamiClass.S).GroupBy(i => records[i])
            .Select(g => (g.Key, g.Count())).OrderByDescending(g => g.Item2).ThenBy(g => g.Key, StringComparer.Ordinal).ToList();
        return predicted.Select((calls, v) => new AdaptationResult(null, ConfusionMatrix.From(truth, [.. calls], classes), FalseS(calls), null, spread[v])).ToList();
    }
}
