using EcgBeats.Beats;
using EcgBeats.Classification;

namespace EcgBeats.Adaptation;

/// <summary>
/// How a patient's labelled beats adapt a model. The defaults are DS1's choice (docs/patient-adaptive.md: record-fold
/// cross-validation, each held-out record adapted on its first 5 minutes): the local discriminants decide among the
/// classes they model, with equal priors and light shrinkage, every labelled class modelled.
/// </summary>
/// <param name="LocalWeight">The local classifier's share of the probability of the classes it models, in [0, 1] (0: the base model alone).</param>
/// <param name="Shrinkage">The local discriminants' covariance shrinkage (<see cref="LocalDiscriminant.Fit"/>).</param>
/// <param name="EqualPriors">The local discriminants' priors: equal, or as among the labelled beats.</param>
/// <param name="MinimumBeats">A class needs at least this many labelled beats to be modelled locally (fewer: the base model's alone).</param>
/// <param name="MinimumSBeats">The same for S, whose beats are told by their timing more than their shape: a few labelled S beats (a junctional beat shaped like the patient's N) teach the local model to call N beats S.</param>
public sealed record AdaptationSettings(double LocalWeight = 1, double Shrinkage = 0.2, bool EqualPriors = true, int MinimumBeats = 1, int MinimumSBeats = 20)
{
    /// <summary>As text for a card or a table row.</summary>
    public override string ToString() =>
        FormattableString.Invariant($"local weight {LocalWeight}, shrinkage {Shrinkage}, priors {(EqualPriors ? "equal" : "as labelled")}, classes with >= {MinimumBeats} beats (S: >= {MinimumSBeats})");

    /// <summary>The fewest labelled beats class <paramref name="c"/> (AAMI index) needs to be modelled locally.</summary>
    public int MinimumOf(int c) => c == (int)AamiClass.S ? MinimumSBeats : MinimumBeats;

    /// <summary>
    /// The patient's discriminants from its labelled beats, or null when fewer than two classes have
    /// <see cref="MinimumBeats"/> beats (one class alone tells nothing the base model does not).
    /// </summary>
    public LocalDiscriminant? Fit(UnlabelledBeats beats, IReadOnlyList<int> labels)
    {
        var counts = labels.GroupBy(l => l).ToDictionary(g => g.Key, g => g.Count());
        var kept = Enumerable.Range(0, labels.Count).Where(i => counts[labels[i]] >= MinimumOf(labels[i])).ToList();
        if (kept.Select(i => labels[i]).Distinct().Count() < 2) return null;
        return LocalDiscriminant.Fit(beats.Select(kept), kept.Select(i => labels[i]).ToList(), Shrinkage, EqualPriors);
    }
}

/// <summary>
/// A patient-adapting classifier after de Chazal &amp; Reilly (2006): a base model trained on other patients, and linear
/// discriminants trained on this patient's labelled beats (<see cref="LocalDiscriminant"/>), their probabilities mixed.
/// Classes the labelled beats do not hold keep the base model's probability: a patient whose first minutes hold no S
/// beat still gets S from the base model.
/// </summary>
public static class PatientAdaptation
{
    /// <summary>
    /// Mixes <paramref name="global"/> (the base model's probabilities, N S V F Q) with <paramref name="local"/>'s posteriors:
    /// the classes it models share the base model's mass of those classes, (1 - w) as the base model splits it and w as the
    /// local one does; the others keep the base model's probability. Rows still sum to 1.
    /// </summary>
    /// <param name="global">The base model's probabilities for the beats.</param>
    /// <param name="beats">The beats (the local model reads every value).</param>
    /// <param name="local">The patient's discriminants.</param>
    /// <param name="localWeight">w, in [0, 1].</param>
    public static ClassProbabilities Combine(ClassProbabilities global, UnlabelledBeats beats, LocalDiscriminant local, double localWeight)
    {
        if (!(localWeight >= 0 && localWeight <= 1)) throw new ArgumentException($"local weight {localWeight}: expected 0 to 1", nameof(localWeight));
        if (global.Count != beats.Count) throw new ArgumentException($"{global.Count} probability rows for {beats.Count} beats", nameof(global));
        int classes = global.ClassCount;
        var values = (float[])global.Values.Clone();
        for (int i = 0; i < beats.Count; i++)
        {
            var q = local.Posteriors(beats.Beat(i));
            double mass = 0;
            foreach (int c in local.Classes) mass += values[i * classes + c];
            for (int k = 0; k < q.Length; k++)
            {
                int c = local.Classes[k];
                values[i * classes + c] = (float)((1 - localWeight) * values[i * classes + c] + localWeight * mass * q[k]);
            }
        }
        return new ClassProbabilities(values, classes);
    }

    /// <summary>How far a found beat may be from a labelled one to take its label, s (EC57's match window).</summary>
    public const double MatchWindowSeconds = 0.15;

    /// <summary>
    /// The found beats inside <paramref name="span"/> that a labelled beat confirms: each takes the class of the nearest
    /// beat label within <see cref="MatchWindowSeconds"/>; found beats without one are left out (the analyst did not label
    /// them), and so are labels that are not beats (rhythm changes, notes).
    /// </summary>
    /// <param name="found">The record's beats as the model cuts them (origins: their positions).</param>
    /// <param name="labels">The analyst's (or the reference's) annotations.</param>
    /// <param name="samplingFrequency">The record's rate, Hz.</param>
    /// <param name="span">The labelled span.</param>
    public static LabelledBeats Label(UnlabelledBeats found, IReadOnlyList<Wfdb.Annotation> labels, double samplingFrequency, LabelledSpan span)
    {
        var beats = BeatLabels(labels);
        long from = (long)Math.Round(span.FromSeconds * samplingFrequency), until = (long)Math.Round(span.UntilSeconds * samplingFrequency);
        long window = (long)Math.Round(MatchWindowSeconds * samplingFrequency);
        var kept = new List<int>();
        var classes = new List<int>();
        var origins = found.Origins ?? throw new ArgumentException("the beats do not say where they are", nameof(found));
        for (int i = 0; i < found.Count; i++)
        {
            long sample = origins[i].Sample;
            if (sample < from || sample >= until) continue;
            if (NearestClass(beats, sample, window) is not { } c) continue;
            kept.Add(i);
            classes.Add(c);
        }
        return new LabelledBeats(found.Select(kept), [.. classes]);
    }

    /// <summary>The beat labels of <paramref name="annotations"/>: positions in order and their AAMI classes (rhythm changes and notes left out).</summary>
    internal static (long[] Samples, int[] Classes) BeatLabels(IReadOnlyList<Wfdb.Annotation> annotations)
    {
        var beats = annotations.Where(a => AamiMapping.IsBeat(a.Symbol)).OrderBy(a => a.Sample).ToArray();
        return (beats.Select(a => a.Sample).ToArray(), beats.Select(a => (int)AamiMapping.Beats[a.Symbol]).ToArray());
    }

    /// <summary>The class of the beat label nearest <paramref name="sample"/> (the earlier on a tie) within <paramref name="window"/> samples, or null.</summary>
    internal static int? NearestClass((long[] Samples, int[] Classes) labels, long sample, long window)
    {
        if (labels.Samples.Length == 0) return null;
        int at = Array.BinarySearch(labels.Samples, sample);
        if (at < 0)
        {
            int after = ~at;
            at = after == 0 ? 0 : after == labels.Samples.Length ? labels.Samples.Length - 1
                : sample - labels.Samples[after - 1] <= labels.Samples[after] - sample ? after - 1 : after;
        }
        return Math.Abs(labels.Samples[at] - sample) <= window ? labels.Classes[at] : null;
    }

    /// <summary>
    /// Makes a patient model: <paramref name="baseModel"/> (opened from <paramref name="baseFolder"/>) with local
    /// discriminants fitted on <paramref name="labelled"/> (the record's beats as the base model cuts them, labelled:
    /// <see cref="Label"/>). The patient model owns the base model. When fewer than two classes have enough labelled beats
    /// (<see cref="AdaptationSettings.MinimumOf"/>) there is nothing to learn: the patient model has no discriminants and
    /// classifies as the base model does, and its card says so (<see cref="AdaptedClassifier.NothingLearnt"/>).
    /// </summary>
    public static AdaptedClassifier Adapt(IBeatClassifier baseModel, string baseFolder, LabelledBeats labelled, LabelledSpan span, AdaptationSettings settings)
    {
        var local = settings.Fit(labelled.Unlabelled, labelled.Labels);
        return new AdaptedClassifier(baseModel, baseFolder, local, settings.LocalWeight, AdaptedClassifier.Describe(baseModel, baseFolder, span, labelled.ClassCounts(), local, settings));
    }
}
