namespace EcgBeats.Dsp;

/// <summary>
/// A second-order IIR notch at the mains frequency, in Hz, applied with zero phase through NWaves.
/// </summary>
/// <remarks>
/// Designed as SciPy's <c>iirnotch(f0, Q, fs)</c> (after S. J. Orfanidis, <i>Introduction to
/// Signal Processing</i>, 1996): with ω0 = 2π·f0/fs and bandwidth Δω = ω0/Q,
/// β = tan(Δω/2), g = 1/(1+β), b = g·[1, −2cos ω0, 1], a = [1, −2g·cos ω0, 2g − 1].
/// NWaves' own notch uses the audio-cookbook formula, whose bandwidth differs, so we design the
/// coefficients here and let NWaves filter.
/// </remarks>
public sealed class IirNotch : IZeroPhaseFilter
{
    /// <summary>Designs the notch.</summary>
    /// <param name="frequencyHz">The frequency to remove, Hz (60 in the USA, where MIT-BIH was recorded; 50 in Europe).</param>
    /// <param name="quality">Quality factor: centre frequency over the -3 dB bandwidth (e.g. 30).</param>
    /// <param name="samplingFrequency">Sampling frequency of the signals it will filter, in Hz.</param>
    public IirNotch(double frequencyHz, double quality, double samplingFrequency)
    {
        if (!(frequencyHz > 0 && frequencyHz < samplingFrequency / 2))
            throw new ArgumentOutOfRangeException(nameof(frequencyHz), $"the notch frequency ({frequencyHz} Hz) must lie in (0, fs/2 = {samplingFrequency / 2} Hz)");
        if (!(quality > 0)) throw new ArgumentOutOfRangeException(nameof(quality), quality, "Q must be positive");
        FrequencyHz = frequencyHz;
        Quality = quality;
        SamplingFrequency = samplingFrequency;
        double w0 = 2 * Math.PI * frequencyHz / samplingFrequency;
        double beta = Math.Tan(w0 / quality / 2);
        double gain = 1 / (1 + beta);
        Numerator = [gain, -2 * gain * Math.Cos(w0), gain];
        Denominator = [1, -2 * gain * Math.Cos(w0), 2 * gain - 1];
    }

    /// <summary>The notch frequency, Hz.</summary>
    public double FrequencyHz { get; }

    /// <summary>The quality factor.</summary>
    public double Quality { get; }

    /// <inheritdoc />
    public double SamplingFrequency { get; }

    /// <inheritdoc />
    public double[] Numerator { get; }

    /// <inheritdoc />
    public double[] Denominator { get; }

    /// <inheritdoc />
    public double[] ApplyZeroPhase(double[] signal) => ZeroPhase.Apply(Numerator, Denominator, signal);
}
