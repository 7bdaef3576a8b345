namespace EcgBeats.Representations;

/// <summary>
/// The rhythm of each beat from the beat times of its record alone (no labels): the RR intervals before and after it, their
/// local and record averages, and the same relative to the record's average, so that a premature beat stands out whatever
/// the patient's own rate.
/// </summary>
/// <remarks>
/// Definitions (seconds; <c>p</c> the beat positions, <c>fs</c> the rate): <c>pre[i] = (p[i] - p[i-1]) / fs</c>, the first beat
/// taking its post-RR; <c>post[i] = (p[i+1] - p[i]) / fs</c>, the last beat taking its pre-RR; <c>local[i]</c> the mean of
/// <c>pre</c> over beats <c>i-9 .. i</c> (fewer at the start); <c>record</c> the mean RR of the record,
/// <c>(p[n-1] - p[0]) / ((n - 1) fs)</c>. These follow de Chazal et al. (2004) and Mondéjar-Guerra et al. (2019, their
/// pre, post, local and global RR), with the record's mean standing for the global one, as an offline reader of whole
/// records can compute it. The relative features divide by the record's mean; <see cref="PreOverLocal"/> by the local one.
/// <c>local_rr_cv</c>, the coefficient of variation (population standard deviation over mean) of the same 10 pre-RRs,
/// says how irregular the rhythm around the beat is: in atrial fibrillation every beat comes early or late, so an early
/// beat means less there.
/// </remarks>
public static class RrFeatures
{
    /// <summary>Beats in the local average, the beat itself included.</summary>
    public const int LocalBeats = 10;

    /// <summary>The feature names, in the order <see cref="Compute"/> writes them.</summary>
    public static IReadOnlyList<string> Names { get; } =
        ["pre_rr_s", "post_rr_s", "local_rr_s", "record_rr_s", "pre_rr_rel", "post_rr_rel", "local_rr_rel", "pre_over_local", "local_rr_cv"];

    /// <summary>Index of pre-RR / local RR in a beat's features.</summary>
    public const int PreOverLocal = 7;

    /// <summary>
    /// The <see cref="Names"/> features of every beat of a record, beat after beat (<c>count × Names.Count</c> values).
    /// </summary>
    /// <param name="positions">The record's beat positions in samples, ascending, at least 2.</param>
    /// <param name="samplingFrequency">Their rate, Hz.</param>
    /// <exception cref="ArgumentException">Fewer than 2 beats, or positions not ascending.</exception>
    public static float[] Compute(IReadOnlyList<long> positions, double samplingFrequency)
    {
        int n = positions.Count;
        double[] pre = PreIntervals(positions, samplingFrequency);
        double record = (positions[n - 1] - positions[0]) / (samplingFrequency * (n - 1));
        int width = Names.Count;
        var features = new float[n * width];
        for (int i = 0; i < n; i++)
        {
            // Summed afresh for each beat (ten terms), so that no rounding drifts along a day-long record.
            double sum = 0;
            int from = Math.Max(0, i - LocalBeats + 1);
            for (int j = from; j <= i; j++) sum += pre[j];
            double local = sum / (i - from + 1);
            double post = i + 1 < n ? pre[i + 1] : pre[i];
            var f = features.AsSpan(i * width, width);
            f[0] = (float)pre[i];
            f[1] = (float)post;
            f[2] = (float)local;
            f[3] = (float)record;
            f[4] = (float)(pre[i] / record);
            f[5] = (float)(post / record);
            f[6] = (float)(local / record);
            f[7] = (float)(pre[i] / local);
            double spread = 0;
            for (int j = from; j <= i; j++) spread += (pre[j] - local) * (pre[j] - local);
            f[8] = (float)(Math.Sqrt(spread / (i - from + 1)) / local);
        }
        return features;
    }

    /// <summary>
    /// Each beat's pre-RR in seconds, <c>(p[i] - p[i-1]) / fs</c>; the first beat, with no beat before it, takes the second's.
    /// </summary>
    /// <exception cref="ArgumentException">Fewer than 2 beats, or positions not ascending.</exception>
    internal static double[] PreIntervals(IReadOnlyList<long> positions, double samplingFrequency)
    {
        int n = positions.Count;
        if (n < 2) throw new ArgumentException($"{n} beat(s): RR intervals need at least 2", nameof(positions));
        for (int i = 1; i < n; i++)
            if (positions[i] <= positions[i - 1]) throw new ArgumentException($"beat {i} at {positions[i]} does not follow beat {i - 1} at {positions[i - 1]}", nameof(positions));
        var pre = new double[n];
        for (int i = 1; i < n; i++) pre[i] = (positions[i] - positions[i - 1]) / samplingFrequency;
        pre[0] = pre[1];
        return pre;
    }
}
