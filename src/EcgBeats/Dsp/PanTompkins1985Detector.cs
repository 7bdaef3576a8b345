namespace EcgBeats.Dsp;

/// <summary>Settings of <see cref="PanTompkins1985Detector"/>; the defaults are the paper's.</summary>
/// <param name="BandLowHz">Band-pass lower edge, Hz (paper: 5 Hz, which keeps the QRS energy and drops P/T waves and baseline).</param>
/// <param name="BandHighHz">Band-pass upper edge, Hz (paper: 11-15 Hz, which drops muscle noise and mains).</param>
/// <param name="BandOrder">Butterworth prototype order of the band-pass; run forward and backward, order 1 falls off like the paper's second-order filters (order 2 makes more errors on MIT-BIH: docs/records.md).</param>
/// <param name="IntegrationSeconds">Moving-window integration width (paper: 150 ms, the widest normal QRS).</param>
/// <param name="RefractorySeconds">No second beat within this time of a beat (paper: 200 ms).</param>
/// <param name="TWaveSeconds">A peak closer than this to the previous beat must also be steep enough, or it is a T wave (paper: 360 ms).</param>
/// <param name="SearchBackFactor">When no beat has come for this many average RR intervals, look back with the lower threshold (paper: 166%).</param>
/// <param name="LearningSeconds">Start-up period that sets the first thresholds (paper: 2 s).</param>
/// <param name="LocateSeconds">Half-width of the window around a detection in which the beat is placed (on the band-passed signal).</param>
public sealed record PanTompkins1985Options(
    double BandLowHz = 5,
    double BandHighHz = 15,
    int BandOrder = 1,
    double IntegrationSeconds = 0.150,
    double RefractorySeconds = 0.200,
    double TWaveSeconds = 0.360,
    double SearchBackFactor = 1.66,
    double LearningSeconds = 2.0,
    double LocateSeconds = 0.075);

/// <summary>
/// The Pan–Tompkins real-time QRS detector: band-pass, derivative, squaring, moving-window
/// integration, two sets of adaptive thresholds, search-back for missed beats, a refractory
/// period and T-wave discrimination by slope.
/// </summary>
/// <remarks>
/// J. Pan and W. J. Tompkins, "A Real-Time QRS Detection Algorithm", IEEE Trans. Biomed. Eng.
/// 32(3):230–236, 1985. The paper's integer filters were designed for 200 Hz; here the band-pass
/// is a Butterworth filter designed in Hz by NWaves and run forward and backward, so the detector
/// works at any sampling rate and the integrated signal's peaks are not delayed. Departures from the
/// paper, each because the whole record is at hand rather than a stream:
/// <list type="bullet">
/// <item>the moving-window integration is centred, so its peak sits on the QRS;</item>
/// <item>peak candidates are the integrated signal's local maxima at least one refractory period apart
/// (the larger wins), which is what the paper's fiducial-mark rule picks in a stream;</item>
/// <item>the beat is placed at the band-passed signal's largest magnitude near the detection, which is where
/// MIT-BIH's annotators put the beat most often (the paper reports detections only; the beat cut
/// starts at this point, so it matters for classification).</item>
/// </list>
/// Thresholds follow the paper: <c>THRESHOLD1 = NPK + 0.25·(SPK − NPK)</c>, <c>THRESHOLD2 = 0.5·THRESHOLD1</c>,
/// signal and noise levels as running averages with weight 0.125 (0.25 for a beat found by search-back),
/// a beat must pass the thresholds of both the integrated and the band-passed signal, RR AVERAGE2 keeps
/// only intervals within 92–116% of itself, and both thresholds halve while the rhythm is irregular.
/// </remarks>
public sealed class PanTompkins1985Detector : IQrsDetector
{
    private const int RrHistory = 8;

    /// <summary>A detector with the given settings (the paper's by default).</summary>
    public PanTompkins1985Detector(PanTompkins1985Options? options = null) => Options = options ?? new PanTompkins1985Options();

    /// <summary>The settings.</summary>
    public PanTompkins1985Options Options { get; }

    /// <inheritdoc />
    public string Name => "pantompkins1985";

    /// <summary>Signals shorter than this many seconds hold no beat to find.</summary>
    public const double MinimumSeconds = 0.5;

    /// <inheritdoc />
    /// <exception cref="ArgumentException">The signal holds a NaN or is shorter than <see cref="MinimumSeconds"/>.</exception>
    public IReadOnlyList<long> Detect(double[] signal, double samplingFrequency)
    {
        QrsDetectorInput.Check(signal, samplingFrequency, Options.BandHighHz);

        double fs = samplingFrequency;
        var stages = Stages.Compute(signal, fs, Options);
        var candidates = Candidates(stages.Integrated, Samples(Options.RefractorySeconds, fs));
        var beats = Decide(stages, candidates, fs);
        int half = Math.Max(1, Samples(Options.LocateSeconds, fs));
        return DetectedBeatPositions.MergeWithinRefractory(beats.Select(i => (DetectedBeatPositions.Place(stages.BandPassed, i, half), stages.Integrated[i])), Samples(Options.RefractorySeconds, fs));
    }

    /// <summary>The processing chain's signals, each as long as the input.</summary>
    internal sealed record Stages(double[] BandPassed, double[] Derivative, double[] Integrated)
    {
        public static Stages Compute(double[] x, double fs, PanTompkins1985Options o)
        {
            double[] bp = new ButterworthBandPass(o.BandLowHz, o.BandHighHz, o.BandOrder, fs).ApplyZeroPhaseAnyLength(x);

            // Five-point derivative (paper eq. 5), centred: y(n) = (−x(n−2) − 2x(n−1) + 2x(n+1) + x(n+2))·fs/8.
            var d = new double[x.Length];
            for (int n = 2; n + 2 < x.Length; n++)
                d[n] = (-bp[n - 2] - 2 * bp[n - 1] + 2 * bp[n + 1] + bp[n + 2]) * fs / 8;

            // Squaring, then a centred moving-window integration of the paper's width.
            var mwi = MovingAverage.Centred(Array.ConvertAll(d, v => v * v), Math.Max(1, Samples(o.IntegrationSeconds, fs)));
            return new Stages(bp, d, mwi);
        }
    }

    /// <summary>Local maxima of <paramref name="x"/> at least <paramref name="distance"/> samples apart; the larger wins.</summary>
    internal static List<int> Candidates(double[] x, int distance)
    {
        var peaks = new List<int>();
        for (int n = 1; n + 1 < x.Length; n++)
        {
            if (!(x[n] > x[n - 1] && x[n] >= x[n + 1])) continue;
            // Plateaus count once, at their start.
            peaks.Add(n);
        }
        var keep = new bool[peaks.Count];
        Array.Fill(keep, true);
        foreach (int k in Enumerable.Range(0, peaks.Count).OrderByDescending(k => x[peaks[k]]).ThenBy(k => k))
        {
            if (!keep[k]) continue;
            for (int j = k - 1; j >= 0 && peaks[k] - peaks[j] < distance; j--) keep[j] = false;
            for (int j = k + 1; j < peaks.Count && peaks[j] - peaks[k] < distance; j++) keep[j] = false;
        }
        return peaks.Where((_, k) => keep[k]).ToList();
    }

    /// <summary>The paper's decision rules over the candidate peaks; returns the beats' indices in the integrated signal.</summary>
    private List<int> Decide(Stages s, List<int> candidates, double fs)
    {
        var o = Options;
        int refractory = Samples(o.RefractorySeconds, fs), tWave = Samples(o.TWaveSeconds, fs);
        int locate = Math.Max(1, Samples(o.IntegrationSeconds, fs));

        // Learning phase 1: levels from the first seconds (signal peak a third of the maximum, noise half the mean).
        int learn = Math.Min(s.Integrated.Length, Math.Max(1, Samples(o.LearningSeconds, fs)));
        var levelsI = new Levels(Max(s.Integrated, 0, learn) / 3, Mean(s.Integrated, 0, learn) / 2);
        var levelsF = new Levels(MaxAbs(s.BandPassed, 0, learn) / 3, MeanAbs(s.BandPassed, 0, learn) / 2);

        var beats = new List<int>();
        var rr2 = new Queue<int>();
        double lastSlope = 0;
        bool irregular = false;
        // Candidates rejected since the last beat, for search-back.
        var passed = new List<(int Index, double PeakI, double PeakF, double Slope)>();

        foreach (int c in candidates.Append(-1))
        {
            bool end = c < 0;
            // Search-back: no beat for 166% of RR AVERAGE2 -> the largest rejected peak above the second thresholds is a beat.
            if (beats.Count >= 2 && rr2.Count > 0)
            {
                double missedLimit = o.SearchBackFactor * rr2.Average();
                int now = end ? s.Integrated.Length : c;
                if (now - beats[^1] > missedLimit)
                {
                    var (thrI, thrF) = (levelsI.Threshold2(irregular), levelsF.Threshold2(irregular));
                    var found = passed.Where(p => p.Index - beats[^1] >= refractory && p.PeakI > thrI && p.PeakF > thrF)
                        .OrderByDescending(p => p.PeakI).FirstOrDefault();
                    if (found.Index > 0)
                    {
                        levelsI.Signal = 0.25 * found.PeakI + 0.75 * levelsI.Signal;
                        levelsF.Signal = 0.25 * found.PeakF + 0.75 * levelsF.Signal;
                        AddBeat(found.Index, found.Slope);
                        passed.RemoveAll(p => p.Index <= found.Index);
                    }
                }
            }
            if (end) break;

            if (beats.Count > 0 && c - beats[^1] < refractory) continue;
            double peakI = s.Integrated[c];
            int from = Math.Max(0, c - locate), to = Math.Min(s.Integrated.Length, c + locate / 2 + 1);
            double peakF = MaxAbs(s.BandPassed, from, to), slope = MaxAbs(s.Derivative, from, to);

            bool isBeat = peakI > levelsI.Threshold1(irregular) && peakF > levelsF.Threshold1(irregular);
            if (isBeat && beats.Count > 0 && c - beats[^1] < tWave && slope < 0.5 * lastSlope)
                isBeat = false; // a T wave: as tall, but half as steep as the beat before it
            if (isBeat)
            {
                levelsI.Signal = 0.125 * peakI + 0.875 * levelsI.Signal;
                levelsF.Signal = 0.125 * peakF + 0.875 * levelsF.Signal;
                AddBeat(c, slope);
                passed.Clear();
            }
            else
            {
                levelsI.Noise = 0.125 * peakI + 0.875 * levelsI.Noise;
                levelsF.Noise = 0.125 * peakF + 0.875 * levelsF.Noise;
                passed.Add((c, peakI, peakF, slope));
            }
        }
        return beats;

        void AddBeat(int index, double slope)
        {
            if (beats.Count > 0)
            {
                int rr = index - beats[^1];
                // RR AVERAGE2 takes only intervals within 92-116% of itself; until it has some, every interval.
                if (rr2.Count == 0 || (rr >= 0.92 * rr2.Average() && rr <= 1.16 * rr2.Average())) Push(rr2, rr);
                irregular = rr2.Count > 0 && (rr < 0.92 * rr2.Average() || rr > 1.16 * rr2.Average());
            }
            beats.Add(index);
            lastSlope = slope;
        }
    }

    private static void Push(Queue<int> history, int rr)
    {
        history.Enqueue(rr);
        if (history.Count > RrHistory) history.Dequeue();
    }

    /// <summary>Running signal and noise peak levels of one of the two signals, and the thresholds between them.</summary>
    private sealed class Levels(double signal, double noise)
    {
        public double Signal { get; set; } = signal;
        public double Noise { get; set; } = noise;

        /// <summary>THRESHOLD1 = NPK + 0.25·(SPK − NPK), halved while the rhythm is irregular.</summary>
        public double Threshold1(bool irregular) => (Noise + 0.25 * (Signal - Noise)) * (irregular ? 0.5 : 1);

        /// <summary>THRESHOLD2 = 0.5·THRESHOLD1.</summary>
        public double Threshold2(bool irregular) => 0.5 * Threshold1(irregular);
    }

    internal static int Samples(double seconds, double fs) => (int)Math.Round(seconds * fs);

    private static double Max(double[] x, int from, int to) { double m = 0; for (int n = from; n < to; n++) m = Math.Max(m, x[n]); return m; }
    private static double MaxAbs(double[] x, int from, int to) { double m = 0; for (int n = from; n < to; n++) m = Math.Max(m, Math.Abs(x[n])); return m; }
    private static double Mean(double[] x, int from, int to) { double m = 0; for (int n = from; n < to; n++) m += x[n]; return to > from ? m / (to - from) : 0; }
    private static double MeanAbs(double[] x, int from, int to) { double m = 0; for (int n = from; n < to; n++) m += Math.Abs(x[n]); return to > from ? m / (to - from) : 0; }
}
