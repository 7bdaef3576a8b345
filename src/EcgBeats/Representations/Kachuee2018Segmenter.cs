using EcgBeats.Dsp;
using EcgBeats.Beats;

namespace EcgBeats.Representations;

/// <summary>
/// The beat extraction Kachuee et al. describe: it needs no annotations, so it is what a raw,
/// unannotated record can use.
/// </summary>
/// <remarks>
/// M. Kachuee, S. Fazeli, M. Sarrafzadeh, "ECG Heartbeat Classification: A Deep Transferable
/// Representation", IEEE ICHI 2018, section III-A:
/// <list type="number">
/// <item>resample the lead to 125 Hz (<see cref="PolyphaseResampler"/>);</item>
/// <item>split it into 10-second windows and normalise each window to [0,1];</item>
/// <item>R-peak candidates are the local maxima (zero crossings of the first derivative) above 0.9;</item>
/// <item>T is the median R-R interval of the window;</item>
/// <item>each beat is the 1.2·T samples from its R peak, zero-padded to 187.</item>
/// </list>
/// Two details the paper leaves open, settled here: candidates closer than 200 ms to a higher
/// one are dropped (a physiological refractory period, so the wiggles of one QRS do not count as
/// several beats); a window with fewer than two R peaks yields no beats, and a beat running past
/// its window's end is cut there. A beat longer than 187 samples (T over 1.25 s, under 48 bpm)
/// is cut to 187.
/// </remarks>
public sealed class Kachuee2018Segmenter
{
    /// <summary>Values per beat.</summary>
    public const int Length = 187;

    /// <summary>The rate beats are cut at, Hz.</summary>
    public const int TargetHz = 125;

    /// <summary>Window length, seconds.</summary>
    public const double WindowSeconds = 10;

    /// <summary>Normalised amplitude an R-peak candidate must exceed.</summary>
    public const double PeakThreshold = 0.9;

    /// <summary>Beat length as a multiple of the window's median R-R interval.</summary>
    public const double BeatLengthInIntervals = 1.2;

    /// <summary>Closest two R peaks may be, seconds (our addition; see remarks).</summary>
    public const double RefractorySeconds = 0.2;

    /// <summary>Finds the R peaks of <paramref name="signal"/> and cuts a beat at each (positions are ignored: the method finds its own).</summary>
    /// <param name="signal">One lead, any units.</param>
    /// <param name="samplingFrequency">Its rate, Hz (a whole number).</param>
    /// <param name="beatPositions">Ignored.</param>
    public IReadOnlyList<BeatWindow> Segment(double[] signal, double samplingFrequency, IReadOnlyList<long>? beatPositions)
    {
        int fromHz = (int)Math.Round(samplingFrequency);
        if (Math.Abs(fromHz - samplingFrequency) > 1e-9)
            throw new ArgumentException($"resampling needs a whole-number sampling frequency; got {samplingFrequency} Hz", nameof(samplingFrequency));
        double[] x = new PolyphaseResampler(fromHz, TargetHz).Apply(signal);
        int window = (int)(WindowSeconds * TargetHz);
        int refractory = (int)(RefractorySeconds * TargetHz);
        var beats = new List<BeatWindow>();
        for (int start = 0; start < x.Length; start += window)
        {
            int length = Math.Min(window, x.Length - start);
            double[] w = Normalise(x.AsSpan(start, length));
            var peaks = Peaks(w, refractory);
            if (peaks.Count < 2) continue;
            var intervals = new double[peaks.Count - 1];
            for (int i = 1; i < peaks.Count; i++) intervals[i - 1] = peaks[i] - peaks[i - 1];
            int beatLength = (int)Math.Round(BeatLengthInIntervals * Median(intervals));
            foreach (int r in peaks)
            {
                var values = new float[Length];
                int count = Math.Min(Math.Min(beatLength, Length), length - r);
                for (int k = 0; k < count; k++) values[k] = (float)w[r + k];
                beats.Add(new BeatWindow((long)Math.Round((start + r) * samplingFrequency / TargetHz), values));
            }
        }
        return beats;
    }

    private static double[] Normalise(ReadOnlySpan<double> x)
    {
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        foreach (double v in x) { if (v < min) min = v; if (v > max) max = v; }
        var result = new double[x.Length];
        double range = max - min;
        if (range > 0) for (int i = 0; i < x.Length; i++) result[i] = (x[i] - min) / range;
        return result;
    }

    /// <summary>Local maxima above the threshold, keeping the highest of any that lie closer than the refractory period.</summary>
    private static List<int> Peaks(double[] w, int refractory)
    {
        var peaks = new List<int>();
        for (int i = 1; i + 1 < w.Length; i++)
        {
            // A zero crossing of the first derivative from + to 0 or -.
            if (!(w[i] - w[i - 1] > 0 && w[i + 1] - w[i] <= 0 && w[i] > PeakThreshold)) continue;
            if (peaks.Count > 0 && i - peaks[^1] < refractory)
            {
                if (w[i] > w[peaks[^1]]) peaks[^1] = i;
                continue;
            }
            peaks.Add(i);
        }
        return peaks;
    }

    private static double Median(double[] values)
    {
        Array.Sort(values);
        int m = values.Length / 2;
        return values.Length % 2 == 1 ? values[m] : (values[m - 1] + values[m]) / 2;
    }
}
