namespace EcgBeats.Dsp;

/// <summary>An IIR filter for signals at one sampling frequency, applied forward and backward (no phase shift).</summary>
public interface IZeroPhaseFilter
{
    /// <summary>The sampling frequency the filter was designed for, Hz.</summary>
    double SamplingFrequency { get; }

    /// <summary>Transfer-function numerator b (SciPy's convention).</summary>
    double[] Numerator { get; }

    /// <summary>Transfer-function denominator a, a[0] = 1.</summary>
    double[] Denominator { get; }

    /// <summary>Filters a signal sampled at <see cref="SamplingFrequency"/>; returns a new array of the same length.</summary>
    double[] ApplyZeroPhase(double[] signal);
}

/// <summary>SciPy's <c>filtfilt</c> with its default padding, on NWaves' state-space filter.</summary>
internal static class ZeroPhase
{
    /// <summary>
    /// <c>filtfilt(b, a, x)</c>: odd extension by <c>3·max(len(a), len(b))</c> samples at each end,
    /// forward and backward passes started from the steady state (<c>lfilter_zi</c>) scaled by the first sample.
    /// </summary>
    public static double[] Apply(double[] b, double[] a, double[] signal)
    {
        int pad = 3 * Math.Max(a.Length, b.Length);
        if (signal.Length <= pad)
            throw new ArgumentException($"the signal has {signal.Length} samples; zero-phase filtering with this filter needs more than {pad}", nameof(signal));
        return new NWaves.Filters.Base64.ZiFilter64(b, a).ZeroPhase(signal, pad);
    }
}
