namespace EcgBeats.Rhythms;

/// <summary>
/// How irregular the ventricular rhythm is around each beat, from beat times alone: in atrial fibrillation the RR
/// intervals change at every beat and at every lag; in sinus rhythm they barely change; in bigeminy and trigeminy they
/// change at lag 1 but repeat at lag 2 or 3, so patterned ectopy reads as regular.
/// </summary>
/// <remarks>
/// Definitions: the intervals of beat <c>i</c>'s window are the RR intervals <c>L</c> (seconds) that end at beats
/// <c>i-H+1 .. i+H</c> (<c>H</c> = <see cref="HalfWindow"/>), leaving out every interval with an ectopic beat at either
/// end (any beat not called N: a premature beat and its pause are not the sinus node's rhythm; in AF the beats called N
/// are as irregular as the rest), in time order.
/// With <c>d[k] = min(|L[k]-L[k-1]|, |L[k]-L[k-2]|, |L[k]-L[k-3]|)</c> for <c>k ≥ 3</c>:
/// <c>irregularity[i] = median(d) / median(L)</c>. It is NaN where the window keeps fewer than <see cref="FewestIntervals"/>
/// intervals (the record's first and last beats in a short record, runs of ectopic beats).
/// On DS1 (reference beat times, leaving out ventricular beats only, windows of ±30 beats): sinus rhythm and its ectopy
/// 0.007-0.03 (median per record), 99th percentile at most 0.047 outside the two AF records; atrial fibrillation and
/// flutter 0.08-0.10 (median), 1st percentile 0.053-0.059 (docs/rhythm.md). The min over three lags follows the same
/// reasoning as <see cref="Representations.RhythmContext"/>'s (lags 1 and 2); lag 3 adds trigeminy. Leaving out the
/// intervals at every beat not called N, rather than the ventricular ones only, was chosen on DS1 (docs/rhythm.md): it
/// keeps frequent atrial premature beats in a regular rhythm from reading as AF when the model calls them S.
/// </remarks>
public static class RrIrregularity
{
    /// <summary>Beats on each side whose intervals form a beat's window (60 intervals: about 45 s at 80 beats/min).</summary>
    public const int HalfWindow = 30;

    /// <summary>Fewest intervals a window needs for a value.</summary>
    public const int FewestIntervals = 8;

    /// <summary>Each beat's irregularity (dimensionless; NaN where undefined).</summary>
    /// <param name="positions">The record's beat positions in samples, ascending.</param>
    /// <param name="ectopic">Whether each beat is left out of the rhythm: called anything but N (by a classifier, or the reference); same length.</param>
    /// <param name="samplingFrequency">The positions' rate, Hz.</param>
    /// <param name="halfWindow">Beats on each side (default <see cref="HalfWindow"/>).</param>
    /// <exception cref="ArgumentException">Lengths differ, or positions not ascending.</exception>
    public static double[] Compute(IReadOnlyList<long> positions, IReadOnlyList<bool> ectopic, double samplingFrequency, int halfWindow = HalfWindow)
    {
        int n = positions.Count;
        if (ectopic.Count != n) throw new ArgumentException($"{n} positions but {ectopic.Count} ectopic flags", nameof(ectopic));
        // rr[k]: the interval ending at beat k (k >= 1), NaN when either end is ectopic.
        var rr = new double[n];
        rr[0] = double.NaN;
        for (int k = 1; k < n; k++)
        {
            if (positions[k] <= positions[k - 1]) throw new ArgumentException($"beat positions must ascend (beat {k}: {positions[k]} after {positions[k - 1]})", nameof(positions));
            rr[k] = ectopic[k] || ectopic[k - 1] ? double.NaN : (positions[k] - positions[k - 1]) / samplingFrequency;
        }
        var result = new double[n];
        var window = new List<double>(2 * halfWindow);
        var changes = new List<double>(2 * halfWindow);
        var scratch = new List<double>(2 * halfWindow);
        for (int i = 0; i < n; i++)
        {
            window.Clear();
            for (int k = Math.Max(1, i - halfWindow + 1); k <= Math.Min(n - 1, i + halfWindow); k++)
                if (!double.IsNaN(rr[k])) window.Add(rr[k]);
            if (window.Count < FewestIntervals) { result[i] = double.NaN; continue; }
            changes.Clear();
            for (int k = 3; k < window.Count; k++)
                changes.Add(Math.Min(Math.Abs(window[k] - window[k - 1]), Math.Min(Math.Abs(window[k] - window[k - 2]), Math.Abs(window[k] - window[k - 3]))));
            result[i] = Dsp.Median.Of(changes, scratch) / Dsp.Median.Of(window, scratch);
        }
        return result;
    }
}
