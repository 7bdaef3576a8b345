namespace EcgBeats.Dsp;

/// <summary>Finds the QRS complexes (heartbeats) of a continuous single-lead ECG.</summary>
public interface IQrsDetector
{
    /// <summary>A short name for cards and reports, e.g. <c>pantompkins1985</c>.</summary>
    string Name { get; }

    /// <summary>
    /// The R peaks of <paramref name="signal"/>, in samples from its start, ascending, at least one
    /// refractory period apart.
    /// </summary>
    /// <param name="signal">One lead, any units (mV or ADC; only shapes and ratios matter), NaN-free.</param>
    /// <param name="samplingFrequency">Its sampling frequency, Hz (any rate from about 100 Hz up).</param>
    IReadOnlyList<long> Detect(double[] signal, double samplingFrequency);
}
