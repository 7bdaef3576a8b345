using EcgBeats.Adaptation;
using EcgBeats.Beats;
using EcgBeats.Classification;
using EcgBeats.Metrics;
using EcgBeats.Metrics.Ec57;

namespace EcgBeats.Protocols;

/// <summary>How the beats of one row of <see cref="PatientAdaptiveEvaluation"/> were labelled.</summary>
public enum AdaptiveLabels
{
    /// <summary>None: the base model, unadapted.</summary>
    None,
    /// <summary>Every beat of each record's first minutes, from the reference (EC57's patient-specific protocol).</summary>
    FirstMinutes,
    /// <summary>The beats a review chose, labelled from the reference (the simulated analyst), spread to their clusters.</summary>
    ConfirmedBeats,
}

/// <summary>One row of <see cref="PatientAdaptiveEvaluation"/>: how each record was adapted and the score from minute 5.</summary>
/// <param name="Labels">How the records' beats were labelled.</param>
/// <param name="BeatsAsked">With confirmed beats: the beats the review asks about per record; otherwise 0.</param>
/// <param name="Labelled">Beats labelled, all records (with confirmed beats: those the reference confirms; a chosen beat no reference beat lies near is a false detection the analyst cannot label).</param>
/// <param name="Spread">Beats that took a confirmed label from their cluster, all records.</param>
/// <param name="Adapted">Records whose labelled beats taught something (the others fall back to the base model).</param>
/// <param name="Score">The EC57 score of every record end to end from the scoring start, de Chazal's mapping.</param>
public sealed record AdaptiveRow(AdaptiveLabels Labels, int BeatsAsked, int Labelled, int Spread, int Adapted, Ec57Score Score)
{
    /// <summary>The row's name in tables, e.g. <c>first 5 minutes</c> or <c>12 confirmed beats</c>.</summary>
    public string Name(double labelledSeconds) => NameOf(Labels, BeatsAsked, labelledSeconds);

    internal static string NameOf(AdaptiveLabels labels, int asked, double labelledSeconds) => labels switch
    {
        AdaptiveLabels.None => "none (the base model)",
        AdaptiveLabels.FirstMinutes => $"first {labelledSeconds / 60:0.#} minutes",
        _ => $"{asked} confirmed beats",
    };
}

/// <summary>
/// ANSI/AAMI EC57's patient-specific protocol on whole records (DS2 in <c>run --splits adaptive</c>), end to end: each
/// record's detected beats are classified by the base model, which is adapted to the record (<see cref="PatientAdaptation"/>)
/// on the reference labels of its first 5 minutes, or on the beats a review chooses (<see cref="BeatReview"/>: 2, 6, 12 per
/// record) labelled from the reference as an analyst would; the calls go through the rhythm gate as <c>annotate</c> writes
/// them, and every record is compared with its reference from minute 5 as <c>bxb</c> does, de Chazal's mapping. Each
/// record's adaptation is its own: nothing learnt from one record reaches another.
/// </summary>
public static class PatientAdaptiveEvaluation
{
    /// <summary>Scores <paramref name="baseModel"/> unadapted, adapted on the first minutes, and adapted on each number of confirmed beats.</summary>
    /// <param name="records">The records, read, detected and cut by the base model's representation (with its rhythm gate).</param>
    /// <param name="baseModel">The base model (trained on other patients).</param>
    /// <param name="clusterer">The clustering the review uses.</param>
    /// <param name="confirmedBeats">The numbers of beats a review asks about per record (e.g. 2, 6, 12).</param>
    /// <param name="adaptation">How labelled beats adapt the base model; default: DS1's choice.</param>
    /// <param name="review">How a review chooses and spreads (its <see cref="ReviewSettings.Beats"/> is replaced by each of <paramref name="confirmedBeats"/>); default: DS1's choice.</param>
    /// <param name="labelledSeconds">The labelled span and the scoring start, s (EC57: 300).</param>
    /// <param name="cancel">Stops between records.</param>
    public static IReadOnlyList<AdaptiveRow> Run(Ec57Evaluation records, IBeatClassifier baseModel, IBeatClusterer clusterer, IReadOnlyList<int> confirmedBeats,
        AdaptationSettings? adaptation = null, ReviewSettings? review = null, double labelledSeconds = PatientAdaptiveCrossValidation.Ec57Seconds, CancellationToken cancel = default)
    {
        adaptation ??= new AdaptationSettings();
        review ??= new ReviewSettings();
        int rows = 2 + confirmedBeats.Count;
        var comparisons = Enumerable.Range(0, rows).Select(_ => new List<BeatComparison>()).ToArray();
        int[] labelled = new int[rows], spread = new int[rows], adapted = new int[rows];
        var options = records.Options with { Mapping = BeatClassMapping.DeChazal, StartSeconds = labelledSeconds };
        foreach (var r in records.Records)
        {
            cancel.ThrowIfCancellationRequested();
            double fs = r.Header.SamplingFrequency;
            var beats = r.Detected;
            var global = baseModel.Predict(beats);
            long[] positions = beats.Origins!.Select(o => o.Sample).ToArray();
            var reference = PatientAdaptation.BeatLabels(r.Reference);
            double[]? lead = records.AtrialLead(r);

            void Score(int row, ClassProbabilities p)
            {
                var annotations = Ec57Evaluation.Annotations(positions, p.PredictedClasses(), r.Signals[0], fs, records.RhythmDetector, lead);
                comparisons[row].Add(BeatByBeatComparator.Compare(r.Name, r.Reference, annotations, fs, options, r.Header.SampleCount));
            }
            ClassProbabilities Adapted(int row, UnlabelledBeats these, IReadOnlyList<int> labels, int byAnalyst)
            {
                labelled[row] += byAnalyst;
                var local = adaptation.Fit(these, labels);
                if (local is null) return global;
                adapted[row]++;
                return PatientAdaptation.Combine(global, beats, local, adaptation.LocalWeight);
            }

            Score(0, global);
            var minutes = PatientAdaptation.Label(beats, r.Reference, fs, new LabelledSpan(r.Name, "atr", 0, labelledSeconds));
            Score(1, Adapted(1, minutes.Unlabelled, minutes.Labels, minutes.Count));
            for (int k = 0; k < confirmedBeats.Count; k++)
            {
                var settings = review with { Beats = confirmedBeats[k] };
                var selection = BeatReview.Choose(beats, global, clusterer, settings);
                var confirmed = new Dictionary<int, int>();
                foreach (var chosen in selection.Chosen)
                    if (PatientAdaptation.NearestClass(reference, chosen.Sample, (long)Math.Round(PatientAdaptation.MatchWindowSeconds * fs)) is { } c) confirmed[chosen.Index] = c;
                var labels = BeatReview.Spread(beats, selection.Clusters, confirmed, settings.SpreadToClusters);
                spread[k + 2] += labels.Spread;
                Score(k + 2, Adapted(k + 2, labels.Beats.Unlabelled, labels.Beats.Labels, labels.Confirmed));
            }
        }
        return Enumerable.Range(0, rows).Select(row =>
        {
            var kind = row == 0 ? AdaptiveLabels.None : row == 1 ? AdaptiveLabels.FirstMinutes : AdaptiveLabels.ConfirmedBeats;
            int asked = row >= 2 ? confirmedBeats[row - 2] : 0;
            string name = AdaptiveRow.NameOf(kind, asked, labelledSeconds);
            return new AdaptiveRow(kind, asked, labelled[row], spread[row], adapted[row],
                Ec57Score.From(comparisons[row], options, "atr", $"{baseModel.Name}, {name}"));
        }).ToList();
    }
}
