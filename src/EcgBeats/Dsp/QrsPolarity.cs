namespace EcgBeats.Dsp;

/// <summary>
/// Which way a lead's QRS complexes point: for each beat, the largest value within <see cref="HalfWindowSeconds"/> of it
/// over the range there (largest minus smallest), on the lead band-passed 0.5-40 Hz (so 0 is the baseline); the lead's
/// polarity is the median over its beats. 1: all up (an R wave, as in lead II); 0: all down (a QS, as often in V1);
/// 0.5: as far up as down.
/// </summary>
/// <remarks>
/// On DS1's 22 records at their reference beats (docs/records.md): MLII 0.53-0.93 in 21 of them (207: -0.01);
/// V1 0.03-0.49 in 18 of 20 (112 0.65, 122 0.76); V4 0.34 and V5 0.34. So a lead
/// below <see cref="Upright"/> is unlike MLII, and one above is more like it than unlike.
/// </remarks>
public static class QrsPolarity
{
    /// <summary>Half the window around each beat, seconds: the QRS lasts about 0.1 s.</summary>
    public const double HalfWindowSeconds = 0.06;

    /// <summary>As far up as down: a lead at or above this points up.</summary>
    public const double Upright = 0.5;

    /// <summary>Fewest beats a polarity is told from.</summary>
    public const int FewestBeats = 10;

    /// <summary>The lead's polarity (0 to 1), or NaN with fewer than <see cref="FewestBeats"/> beats or a flat lead.</summary>
    /// <param name="signal">The lead, any units, NaN-free.</param>
    /// <param name="beats">Beat positions in samples, ascending.</param>
    /// <param name="samplingFrequency">The lead's rate, Hz.</param>
    public static double Of(double[] signal, IReadOnlyList<long> beats, double samplingFrequency)
    {
        var x = new ButterworthBandPass(0.5, Math.Min(40, 0.45 * samplingFrequency), 2, samplingFrequency).ApplyZeroPhaseAnyLength(signal);
        int half = Math.Max(1, (int)Math.Round(HalfWindowSeconds * samplingFrequency));
        var ups = new List<double>(beats.Count);
        foreach (long beat in beats)
        {
            if (beat - half < 0 || beat + half >= x.Length) continue;
            double most = double.MinValue, least = double.MaxValue;
            for (long t = beat - half; t <= beat + half; t++) { most = Math.Max(most, x[t]); least = Math.Min(least, x[t]); }
            if (most > least) ups.Add(most / (most - least));
        }
        return ups.Count < FewestBeats ? double.NaN : Median.Of(ups, new List<double>(ups.Count));
    }
}
