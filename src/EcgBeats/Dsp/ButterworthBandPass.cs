using System.Numerics;
using NWaves.Filters.Base64;

namespace EcgBeats.Dsp;

/// <summary>
/// A Butterworth band-pass filter designed by NWaves, in Hz, applied forward and backward
/// (zero phase) exactly as SciPy's <c>filtfilt</c> does.
/// </summary>
/// <remarks>
/// The coefficients equal SciPy's <c>butter(order, [low, high], 'bandpass', fs=fs)</c>: NWaves'
/// design has the same poles, and its numerator is rescaled to SciPy's convention, unit gain at
/// the centre frequency <c>2·atan(sqrt(tan(π·low/fs)·tan(π·high/fs)))</c> (the geometric centre of the
/// pre-warped band). Like SciPy, an order-N band-pass has 2N+1 coefficients.
/// </remarks>
public sealed class ButterworthBandPass : IZeroPhaseFilter
{
    /// <summary>Designs the filter.</summary>
    /// <param name="lowHz">Lower cut-off in Hz (e.g. 0.5).</param>
    /// <param name="highHz">Upper cut-off in Hz (e.g. 40).</param>
    /// <param name="order">Order of the low-pass prototype (e.g. 4, giving 9 coefficients).</param>
    /// <param name="samplingFrequency">Sampling frequency of the signals it will filter, in Hz.</param>
    public ButterworthBandPass(double lowHz, double highHz, int order, double samplingFrequency)
    {
        if (!(lowHz > 0 && lowHz < highHz && highHz < samplingFrequency / 2))
            throw new ArgumentOutOfRangeException(nameof(highHz), $"need 0 < low ({lowHz} Hz) < high ({highHz} Hz) < fs/2 ({samplingFrequency / 2} Hz)");
        if (order < 1) throw new ArgumentOutOfRangeException(nameof(order), order, "order must be at least 1");
        LowHz = lowHz;
        HighHz = highHz;
        Order = order;
        SamplingFrequency = samplingFrequency;
        var design = new NWaves.Filters.Butterworth.BandPassFilter(lowHz / samplingFrequency, highHz / samplingFrequency, order);
        double[] b = design.Tf.Numerator.ToArray();
        double[] a = design.Tf.Denominator.ToArray();
        double centre = 2 * Math.Atan(Math.Sqrt(Math.Tan(Math.PI * lowHz / samplingFrequency) * Math.Tan(Math.PI * highHz / samplingFrequency)));
        double gain = Gain(b, a, centre);
        Numerator = b.Select(v => v / gain).ToArray();
        Denominator = a;
    }

    /// <summary>Lower cut-off, Hz.</summary>
    public double LowHz { get; }

    /// <summary>Upper cut-off, Hz.</summary>
    public double HighHz { get; }

    /// <summary>Prototype order.</summary>
    public int Order { get; }

    /// <inheritdoc />
    public double SamplingFrequency { get; }

    /// <inheritdoc />
    public double[] Numerator { get; }

    /// <inheritdoc />
    public double[] Denominator { get; }

    /// <inheritdoc />
    public double[] ApplyZeroPhase(double[] signal) => ZeroPhase.Apply(Numerator, Denominator, signal);

    private static double Gain(double[] b, double[] a, double omega)
    {
        Complex z = Complex.FromPolarCoordinates(1, -omega), power = 1, num = 0, den = 0;
        for (int k = 0; k < Math.Max(b.Length, a.Length); k++, power *= z)
        {
            if (k < b.Length) num += b[k] * power;
            if (k < a.Length) den += a[k] * power;
        }
        return (num / den).Magnitude;
    }

    /// <summary>
    /// Zero-phase band-pass of a whole signal. A signal too short for filtfilt's edge padding is padded
    /// with its edge values first (which adds no QRS), and the padding is cut off again.
    /// </summary>
    public double[] ApplyZeroPhaseAnyLength(double[] x)
    {
        int pad = 3 * Denominator.Length;
        if (x.Length > pad) return ApplyZeroPhase(x);
        double[] padded = [.. Enumerable.Repeat(x[0], pad), .. x, .. Enumerable.Repeat(x[^1], pad)];
        return ApplyZeroPhase(padded)[pad..(pad + x.Length)];
    }
}
