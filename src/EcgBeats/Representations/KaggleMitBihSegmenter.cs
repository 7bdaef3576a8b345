using EcgBeats.Beats;
namespace EcgBeats.Representations;

/// <summary>
/// The recipe that reproduces the Kaggle "ECG Heartbeat Categorization Dataset" MIT-BIH files
/// (<c>mitbih_train.csv</c> / <c>mitbih_test.csv</c>) value for value.
/// </summary>
/// <remarks>
/// Worked out against the real first rows of both files (all 20 reproduced with difference 0);
/// the dataset's own recipe was never published and differs from what Kachuee et al. (2018)
/// describe (see <see cref="Kachuee2018Segmenter"/>). With <c>b</c> the positions of the record's
/// beat annotations and the beat at <c>p = b[i]</c>:
/// <list type="number">
/// <item>the segment ends 20% into the RR interval after the next beat:
/// <c>end = b[i+1] + (int)(0.2·(b[i+2] − b[i+1]))</c>;</item>
/// <item>for the second-to-last beat, which has no interval after the next one, the rest of the
/// record stands in for it: <c>end = b[n−1] + (int)(0.2·(nsamp − b[n−1]))</c>
/// (<see cref="SecondToLastBeatRule"/>; the 20 rows cannot settle this case);</item>
/// <item>every third sample is taken, <c>x[p], x[p+3], … &lt; end</c>: plain decimation 360 -> 120 Hz, no anti-alias filter;</item>
/// <item>a segment longer than 187 values is cut to 187, and the values kept are min-max
/// normalised to [0,1], then zero-padded to 187; a flat segment becomes all zeros (the 20 rows
/// hold no segment over 187 values, so the order of cutting and normalising is our choice: this
/// one keeps every beat's maximum at 1, so <see cref="Datasets.BeatNormalization"/> leaves it unchanged);</item>
/// <item>the last beat of each record is dropped (no next beat to end it).</item>
/// </list>
/// Over the 48 records this gives exactly the Kaggle class totals: N 90,589, S 2,779, V 7,236, F 803, Q 8,039.
/// </remarks>
public sealed class KaggleMitBihSegmenter
{
    /// <summary>Values per beat.</summary>
    public const int Length = 187;

    /// <summary>Take every <c>Step</c>-th sample (360 Hz -> 120 Hz).</summary>
    public const int Step = 3;

    /// <summary>How far into the following RR interval the segment runs.</summary>
    public const double FollowingIntervalFraction = 0.2;

    /// <summary>How the second-to-last beat's segment ends: the interval after the last beat is taken as the rest of the record.</summary>
    public const string SecondToLastBeatRule = "rest-of-record";

    /// <summary>
    /// Cuts the beat at each position but the last (whose segment has no next beat to end it), as the Kaggle files were cut.
    /// </summary>
    /// <param name="signal">One lead at 360 Hz, any units (min-max normalisation makes them irrelevant).</param>
    /// <param name="samplingFrequency">Its rate, Hz (the rule was worked out at MIT-BIH's 360 Hz).</param>
    /// <param name="beatPositions">Beat positions in samples, ascending.</param>
    /// <exception cref="ArgumentException">No beat positions were given.</exception>
    public IReadOnlyList<BeatWindow> Segment(double[] signal, double samplingFrequency, IReadOnlyList<long>? beatPositions)
    {
        if (beatPositions is null) throw new ArgumentException("the Kaggle-faithful segmenter needs beat positions (annotations or detected R peaks)", nameof(beatPositions));
        int n = beatPositions.Count;
        var beats = new List<BeatWindow>(Math.Max(0, n - 1));
        for (int i = 0; i + 1 < n; i++)
        {
            long p = beatPositions[i], next = beatPositions[i + 1];
            long afterNext = i + 2 < n ? beatPositions[i + 2] - next : signal.Length - next;
            long end = Math.Min(signal.Length, next + (long)(FollowingIntervalFraction * afterNext));
            if (p < 0 || p >= signal.Length || end <= p) continue;
            beats.Add(new BeatWindow(p, Cut(signal, p, end)));
        }
        return beats;
    }

    /// <summary>Cuts <c>x[start:end:3][:187]</c>, normalises it to [0,1] and zero-pads it to 187 values.</summary>
    public static float[] Cut(double[] x, long start, long end)
    {
        end = Math.Min(end, start + (long)Step * Length);
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        for (long t = start; t < end; t += Step)
        {
            if (x[t] < min) min = x[t];
            if (x[t] > max) max = x[t];
        }
        var values = new float[Length];
        double range = max - min;
        if (!(range > 0)) return values;
        int k = 0;
        for (long t = start; t < end; t += Step, k++)
            values[k] = (float)((x[t] - min) / range);
        return values;
    }
}
