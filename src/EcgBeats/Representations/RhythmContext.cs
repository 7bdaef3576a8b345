namespace EcgBeats.Representations;

/// <summary>
/// The rhythm around each beat, from the beat times of its record alone (no labels): how regular the RR intervals of the
/// beats on both sides are, and how premature the beat is against them. An early beat in a regular rhythm is what an S beat
/// looks like; in atrial fibrillation every beat is early or late against its neighbours, so the same earliness means
/// little. A linear model cannot form "early AND regular" from the two facts apart, so their quotient is a feature too.
/// </summary>
/// <remarks>
/// Definitions (<c>pre[j]</c> as in <see cref="RrFeatures"/>, seconds): the <em>context</em> of beat <c>i</c> is the pre-RRs
/// of beats <c>i-16 .. i+16</c> without beat <c>i</c>'s own pre-RR and post-RR (<c>pre[i]</c>, <c>pre[i+1]</c>), clipped to
/// the record; so a single premature beat and its pause do not move their own context. With <c>c</c> the median of the
/// context and <c>d[k] = min(|L[k]-L[k-1]|, |L[k]-L[k-2]|)</c> over the context in order (<c>L</c>), the smaller of the lag-1
/// and lag-2 change (so that bigeminy, short-long-short-long, reads as regular; atrial fibrillation changes at every lag):
/// <list type="bullet">
/// <item><c>context_irregularity</c> = median(<c>d</c>) / <c>c</c> (0 for a metronome; about 0.1-0.3 in atrial fibrillation)</item>
/// <item><c>pre_over_context</c> = <c>pre[i]</c> / <c>c</c>; <c>post_over_context</c> = <c>post[i]</c> / <c>c</c></item>
/// <item><c>prematurity_over_irregularity</c> = (1 - <c>pre_over_context</c>) / (<c>context_irregularity</c> + 0.05),
/// clipped to ±20: how many "usual changes" early the beat is (0.05 keeps a metronome's quotient finite).</item>
/// <item><c>premature_in_regular</c> = max(0, 1 - <c>pre_over_context</c>) · exp(-<c>context_irregularity</c> / 0.05): the
/// earliness, kept in a regular rhythm and faded out in an irregular one (a sinus rhythm's irregularity is about 0.01-0.03
/// on DS1, atrial fibrillation's 0.1-0.2, so the factor is about 0.6-0.8 against 0.02-0.1).</item>
/// </list>
/// A record whose beat has fewer than 3 context intervals (a record of 3 beats or fewer) gets 1 for the ratios and 0 for the rest.
/// The half-window (16) and the floor (0.05) were set once, not tuned. DS1 cross-validation (records held out) favoured the
/// features; on DS2 they removed false S beats in atrial fibrillation but lost S beats where atrial premature beats are so
/// frequent that they are the rhythm (record 232), so they are an option (the <c>-context</c> representations), not the
/// default (docs/inter-patient.md).
/// </remarks>
public static class RhythmContext
{
    /// <summary>Beats on each side of the beat whose intervals form its context.</summary>
    public const int HalfWindow = 16;

    /// <summary>Added to the irregularity before dividing by it.</summary>
    public const double IrregularityFloor = 0.05;

    /// <summary>The quotient's clip.</summary>
    public const float QuotientLimit = 20;

    /// <summary>The feature names, in the order <see cref="Compute"/> writes them.</summary>
    public static IReadOnlyList<string> Names { get; } =
        ["context_irregularity", "pre_over_context", "post_over_context", "prematurity_over_irregularity", "premature_in_regular"];

    /// <summary>The <see cref="Names"/> features of every beat of a record, beat after beat (<c>count × Names.Count</c> values).</summary>
    /// <param name="positions">The record's beat positions in samples, ascending, at least 2 (as <see cref="RrFeatures.Compute"/>).</param>
    /// <param name="samplingFrequency">Their rate, Hz.</param>
    /// <exception cref="ArgumentException">Fewer than 2 beats, or positions not ascending.</exception>
    public static float[] Compute(IReadOnlyList<long> positions, double samplingFrequency)
    {
        int n = positions.Count;
        double[] pre = RrFeatures.PreIntervals(positions, samplingFrequency);
        int width = Names.Count;
        var features = new float[n * width];
        var context = new List<double>(2 * HalfWindow + 1);
        var changes = new List<double>(2 * HalfWindow + 1);
        var sorted = new List<double>(2 * HalfWindow + 1);
        for (int i = 0; i < n; i++)
        {
            context.Clear();
            // pre[0] is a copy of pre[1], not an interval of its own: it never enters a context.
            for (int j = Math.Max(1, i - HalfWindow); j <= Math.Min(n - 1, i + HalfWindow); j++)
                if (j != i && j != i + 1) context.Add(pre[j]);
            double post = i + 1 < n ? pre[i + 1] : pre[i];
            var f = features.AsSpan(i * width, width);
            if (context.Count < 3)
            {
                f[0] = 0; f[1] = 1; f[2] = 1; f[3] = 0; f[4] = 0;
                continue;
            }
            double c = Dsp.Median.Of(context, sorted);
            changes.Clear();
            for (int k = 1; k < context.Count; k++)
            {
                double d = Math.Abs(context[k] - context[k - 1]);
                if (k >= 2) d = Math.Min(d, Math.Abs(context[k] - context[k - 2]));
                changes.Add(d);
            }
            double irregularity = Dsp.Median.Of(changes, sorted) / c;
            double preOver = pre[i] / c;
            f[0] = (float)irregularity;
            f[1] = (float)preOver;
            f[2] = (float)(post / c);
            f[3] = Math.Clamp((float)((1 - preOver) / (irregularity + IrregularityFloor)), -QuotientLimit, QuotientLimit);
            f[4] = (float)(Math.Max(0, 1 - preOver) * Math.Exp(-irregularity / IrregularityFloor));
        }
        return features;
    }
}
