using EcgBeats.Dsp;

namespace EcgBeats.Rhythms;

/// <summary>
/// Whether the beats around each beat are preceded by the same P wave: in sinus rhythm (and around atrial premature
/// beats) the stretch before each QRS repeats from beat to beat; in atrial fibrillation there is no P wave, only
/// fibrillatory waves that do not repeat. Beat times cannot tell frequent premature beats from AF when the model misses
/// them; this can.
/// </summary>
/// <remarks>
/// For each beat called N whose preceding RR is at least <see cref="ShortestRrSeconds"/>: the lead's samples from
/// <see cref="WindowStartSeconds"/> to <see cref="WindowEndSeconds"/> before the beat (band-pass 0.5-40 Hz, zero phase), minus their
/// straight-line trend (the end of the previous T wave, baseline). Its score is the Pearson correlation of that stretch
/// with the mean stretch of the other such beats within <see cref="HalfWindow"/> beats (at least
/// <see cref="FewestTemplateBeats"/>). A beat's consistency is the median score of the scored beats within
/// <see cref="HalfWindow"/> beats (at least <see cref="FewestScores"/>), else NaN.
/// On DS1 with the reference's beats (docs/rhythm.md): sinus rhythm and its ectopy, median per record 0.84-0.99 and 5th
/// percentile 0.42-0.98; atrial fibrillation (201, 203) median 0.09 and 0.22, 95th percentile 0.48 and 0.58. The window,
/// the shortest RR and the neighbourhood were set once from the physiology (a P wave lies 120-250 ms before the QRS; a
/// T wave ends about 400 ms after the previous one), not tuned.
/// </remarks>
public static class AtrialActivity
{
    /// <summary>The stretch before each QRS starts this long before it, seconds.</summary>
    public const double WindowStartSeconds = 0.28;

    /// <summary>The stretch ends this long before the QRS, seconds (the QRS onset lies about 50 ms before its peak).</summary>
    public const double WindowEndSeconds = 0.06;

    /// <summary>Beats after a shorter RR are not scored: their stretch holds the previous beat's T wave.</summary>
    public const double ShortestRrSeconds = 0.42;

    /// <summary>Beats on each side that form a beat's template and its median.</summary>
    public const int HalfWindow = 15;

    /// <summary>Fewest other beats a template needs.</summary>
    public const int FewestTemplateBeats = 6;

    /// <summary>Fewest scores a beat's median needs.</summary>
    public const int FewestScores = 5;

    /// <summary>The lead as the P-wave score reads it: band-pass 0.5-40 Hz, zero phase, invalid samples (NaN) as 0.</summary>
    /// <param name="physical">The lead in physical units, NaN where invalid.</param>
    /// <param name="samplingFrequency">Its rate, Hz.</param>
    public static double[] Filter(double[] physical, double samplingFrequency)
    {
        var clean = physical.Select(v => double.IsFinite(v) ? v : 0).ToArray();
        return new ButterworthBandPass(0.5, Math.Min(40, 0.45 * samplingFrequency), 2, samplingFrequency).ApplyZeroPhase(clean);
    }

    /// <summary>Each beat's P-wave consistency (a correlation, -1 to 1; NaN where it cannot be told).</summary>
    /// <param name="lead">The lead, filtered by <see cref="Filter"/>.</param>
    /// <param name="positions">Beat positions in samples, ascending.</param>
    /// <param name="ectopic">Whether each beat is called anything but N (not scored, not in templates).</param>
    /// <param name="samplingFrequency">The rate of the lead and the positions, Hz.</param>
    /// <exception cref="ArgumentException">Lengths differ.</exception>
    public static double[] Consistency(double[] lead, IReadOnlyList<long> positions, IReadOnlyList<bool> ectopic, double samplingFrequency)
    {
        int n = positions.Count;
        if (ectopic.Count != n) throw new ArgumentException($"{n} positions but {ectopic.Count} ectopic flags", nameof(ectopic));
        int start = (int)Math.Round(WindowStartSeconds * samplingFrequency), end = (int)Math.Round(WindowEndSeconds * samplingFrequency);
        int length = start - end;
        var result = new double[n];
        Array.Fill(result, double.NaN);
        if (length < 4) return result;
        var windows = new double[n][];
        for (int i = 1; i < n; i++)
        {
            long r = positions[i];
            if (ectopic[i] || r - positions[i - 1] < ShortestRrSeconds * samplingFrequency || r - start < 0 || r - end > lead.Length) continue;
            windows[i] = Detrended(lead.AsSpan((int)(r - start), length));
        }
        var scores = new double[n];
        var template = new double[length];
        for (int i = 0; i < n; i++)
        {
            scores[i] = double.NaN;
            if (windows[i] is null) continue;
            Array.Clear(template);
            int count = 0;
            for (int j = Math.Max(0, i - HalfWindow); j <= Math.Min(n - 1, i + HalfWindow); j++)
            {
                if (j == i || windows[j] is not { } w) continue;
                for (int k = 0; k < length; k++) template[k] += w[k];
                count++;
            }
            if (count >= FewestTemplateBeats) scores[i] = Correlation(windows[i], template);
        }
        var near = new List<double>(2 * HalfWindow + 1);
        var scratch = new List<double>(2 * HalfWindow + 1);
        for (int i = 0; i < n; i++)
        {
            near.Clear();
            for (int j = Math.Max(0, i - HalfWindow); j <= Math.Min(n - 1, i + HalfWindow); j++)
                if (!double.IsNaN(scores[j])) near.Add(scores[j]);
            if (near.Count >= FewestScores) result[i] = Median.Of(near, scratch);
        }
        return result;
    }

    private static double[] Detrended(ReadOnlySpan<double> x)
    {
        int n = x.Length;
        double mx = (n - 1) / 2.0, my = 0;
        foreach (double v in x) my += v;
        my /= n;
        double sxy = 0, sxx = 0;
        for (int k = 0; k < n; k++) { sxy += (k - mx) * (x[k] - my); sxx += (k - mx) * (k - mx); }
        double slope = sxy / sxx;
        var y = new double[n];
        for (int k = 0; k < n; k++) y[k] = x[k] - my - slope * (k - mx);
        return y;
    }

    private static double Correlation(double[] a, double[] b)
    {
        double ma = a.Average(), mb = b.Average(), ab = 0, aa = 0, bb = 0;
        for (int k = 0; k < a.Length; k++) { ab += (a[k] - ma) * (b[k] - mb); aa += (a[k] - ma) * (a[k] - ma); bb += (b[k] - mb) * (b[k] - mb); }
        return aa <= 0 || bb <= 0 ? 0 : ab / Math.Sqrt(aa * bb);
    }
}
