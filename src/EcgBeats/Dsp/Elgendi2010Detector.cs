namespace EcgBeats.Dsp;

/// <summary>Settings of <see cref="Elgendi2010Detector"/>; the defaults are the paper's best.</summary>
/// <param name="BandLowHz">Band-pass lower edge, Hz (paper: 8 Hz).</param>
/// <param name="BandHighHz">Band-pass upper edge, Hz (paper: 20 Hz).</param>
/// <param name="BandOrder">Butterworth prototype order (paper: 3), run forward and backward.</param>
/// <param name="QrsWindowSeconds">The short moving average, about one QRS wide (paper: 97 ms).</param>
/// <param name="BeatWindowSeconds">The long moving average, about one beat wide (paper: 611 ms).</param>
/// <param name="Offset">β: the threshold's offset as a fraction of the squared signal's mean (paper: 0.08).</param>
/// <param name="RefractorySeconds">Beats closer than this are one beat (the larger stays).</param>
/// <param name="LocateSeconds">Half-width of the window around a block's peak in which the beat is placed.</param>
public sealed record Elgendi2010Options(
    double BandLowHz = 8,
    double BandHighHz = 20,
    int BandOrder = 3,
    double QrsWindowSeconds = 0.097,
    double BeatWindowSeconds = 0.611,
    double Offset = 0.08,
    double RefractorySeconds = 0.200,
    double LocateSeconds = 0.075);

/// <summary>
/// The two-moving-average QRS detector: a second, simpler detector to compare Pan–Tompkins with.
/// Band-pass, square, then mark "blocks of interest" where a QRS-wide moving average exceeds a
/// beat-wide one plus an offset; a block at least one QRS wide holds a beat, at its largest magnitude.
/// </summary>
/// <remarks>
/// M. Elgendi, M. Jonkman and F. De Boer, "Frequency Bands Effects on QRS Detection", BIOSIGNALS 2010,
/// pp. 428–431 (and M. Elgendi, "Fast QRS Detection with an Optimized Knowledge-Based Method", PLoS ONE
/// 8(9):e73557, 2013). No adaptive thresholds, no search-back: the long average adapts by itself.
/// Here the band-pass is NWaves' Butterworth run forward and backward, the averages are centred, each beat
/// is placed as <see cref="PanTompkins1985Detector"/> places its beats (the 5-15 Hz band-passed lead's
/// extremum near the block's peak, where MIT-BIH's annotators put beats), and beats closer than the
/// refractory period are merged.
/// </remarks>
public sealed class Elgendi2010Detector : IQrsDetector
{
    /// <summary>A detector with the given settings (the paper's by default).</summary>
    public Elgendi2010Detector(Elgendi2010Options? options = null) => Options = options ?? new Elgendi2010Options();

    /// <summary>The settings.</summary>
    public Elgendi2010Options Options { get; }

    /// <inheritdoc />
    public string Name => "elgendi2010";

    /// <inheritdoc />
    /// <exception cref="ArgumentException">The signal holds a NaN or is shorter than <see cref="PanTompkins1985Detector.MinimumSeconds"/>.</exception>
    public IReadOnlyList<long> Detect(double[] signal, double samplingFrequency)
    {
        QrsDetectorInput.Check(signal, samplingFrequency, Options.BandHighHz);

        double fs = samplingFrequency;
        double[] bp = new ButterworthBandPass(Options.BandLowHz, Options.BandHighHz, Options.BandOrder, fs).ApplyZeroPhaseAnyLength(signal);
        var squared = Array.ConvertAll(bp, v => v * v);
        int qrsWidth = Math.Max(1, (int)Math.Round(Options.QrsWindowSeconds * fs));
        var maQrs = MovingAverage.Centred(squared, qrsWidth);
        var maBeat = MovingAverage.Centred(squared, Math.Max(1, (int)Math.Round(Options.BeatWindowSeconds * fs)));
        double offset = Options.Offset * squared.Average();

        var beats = new List<(int Position, double Peak)>();
        for (int n = 0; n < signal.Length;)
        {
            if (!(maQrs[n] > maBeat[n] + offset)) { n++; continue; }
            int start = n;
            while (n < signal.Length && maQrs[n] > maBeat[n] + offset) n++;
            if (n - start < qrsWidth) continue; // narrower than a QRS: noise
            int at = start;
            for (int k = start; k < n; k++) if (squared[k] > squared[at]) at = k;
            beats.Add((at, squared[at]));
        }
        // Placed on the same 5-15 Hz band as Pan-Tompkins' beats, so both detectors feed the beat cut alike.
        double[] placement = new ButterworthBandPass(5, 15, 1, fs).ApplyZeroPhaseAnyLength(signal);
        int half = Math.Max(1, (int)Math.Round(Options.LocateSeconds * fs));
        return DetectedBeatPositions.MergeWithinRefractory(beats.Select(b => (DetectedBeatPositions.Place(placement, b.Position, half), b.Peak)), (int)Math.Round(Options.RefractorySeconds * fs));
    }
}
