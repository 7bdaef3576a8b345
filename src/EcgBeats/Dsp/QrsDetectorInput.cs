namespace EcgBeats.Dsp;

/// <summary>What every QRS detector refuses: a rate too low for its band, a signal too short to hold a beat, NaN samples.</summary>
internal static class QrsDetectorInput
{
    /// <summary>Throws when <paramref name="signal"/> cannot be searched for beats with a band reaching <paramref name="bandHighHz"/>.</summary>
    public static void Check(double[] signal, double samplingFrequency, double bandHighHz)
    {
        ArgumentNullException.ThrowIfNull(signal);
        if (!(samplingFrequency > 2 * bandHighHz))
            throw new ArgumentOutOfRangeException(nameof(samplingFrequency), samplingFrequency, $"the sampling frequency must exceed {2 * bandHighHz} Hz");
        double minimum = PanTompkins1985Detector.MinimumSeconds;
        if (signal.Length < minimum * samplingFrequency)
            throw new ArgumentException($"the signal is {signal.Length / samplingFrequency:0.###} s long; at least {minimum} s is needed to find a beat", nameof(signal));
        if (Array.Exists(signal, double.IsNaN)) throw new ArgumentException("the signal holds NaN samples", nameof(signal));
    }
}
