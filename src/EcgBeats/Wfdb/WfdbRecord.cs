using EcgBeats.Wfdb.Formats;

namespace EcgBeats.Wfdb;

/// <summary>
/// Samples of a WFDB record, or of a window of it, as ADC integers per signal. A sample the file marks invalid is
/// <see cref="SignalCodecs.InvalidSample"/> (-32768) in every format, as WFDB's library returns it.
/// </summary>
public sealed class WfdbRecord
{
    /// <summary>Creates a record from its header and its samples (<c>adc[signal][sample]</c>).</summary>
    /// <param name="header">The record's header.</param>
    /// <param name="start">The first frame held.</param>
    /// <param name="adc">Samples per signal: the same count for each at <see cref="SignalRate.FrameRate"/> and
    /// <see cref="SignalRate.HighestRate"/>; frames x samples-per-frame at <see cref="SignalRate.OwnRate"/>.</param>
    /// <param name="rate">How signals with several samples per frame are held.</param>
    public WfdbRecord(WfdbHeader header, long start, int[][] adc, SignalRate rate = SignalRate.FrameRate)
    {
        if (adc.Length != header.SignalCount)
            throw new ArgumentException($"{adc.Length} sample arrays for {header.SignalCount} signals", nameof(adc));
        Rate = rate;
        Frames = adc.Length == 0 ? 0 : adc[0].Length / PerFrame(header, rate, 0);
        for (int s = 0; s < adc.Length; s++)
            if (adc[s].Length != Frames * PerFrame(header, rate, s))
                throw new ArgumentException($"signal {s} holds {adc[s].Length} samples; {Frames} frames at {rate} need {Frames * PerFrame(header, rate, s)}", nameof(adc));
        Header = header;
        Start = start;
        Adc = adc;
    }

    /// <summary>Samples per frame of one signal as a record read at <paramref name="rate"/> holds it.</summary>
    internal static int PerFrame(WfdbHeader header, SignalRate rate, int signal) => rate switch
    {
        SignalRate.FrameRate => 1,
        SignalRate.HighestRate => header.MaxSamplesPerFrame,
        _ => header.Signals[signal].SamplesPerFrame,
    };

    /// <summary>The record's header.</summary>
    public WfdbHeader Header { get; }

    /// <summary>How signals with several samples per frame are held.</summary>
    public SignalRate Rate { get; }

    /// <summary>The first frame held, counted from the start of the record (the first sample, in a record with one sample per frame).</summary>
    public long Start { get; }

    /// <summary>The frames held.</summary>
    public long Frames { get; }

    /// <summary>ADC values, <c>[signal][sample]</c>.</summary>
    public int[][] Adc { get; }

    /// <summary>Samples held per signal (signal 0's, at <see cref="SignalRate.OwnRate"/>, where signals may differ).</summary>
    public int Length => Adc[0].Length;

    /// <summary>Samples per second per signal, in Hz: the frame rate, or the highest signal rate at <see cref="SignalRate.HighestRate"/> (signal 0's at <see cref="SignalRate.OwnRate"/>).</summary>
    public double SamplingFrequency => SignalFrequency(0);

    /// <summary>Samples per second of one signal as held here, in Hz.</summary>
    public double SignalFrequency(int signal) => Header.SamplingFrequency * PerFrame(Header, Rate, signal);

    /// <summary>
    /// One signal in physical units: <c>(adc - baseline) / gain</c> (mV for MIT-BIH). An invalid sample becomes NaN.
    /// </summary>
    public double[] Physical(int signal)
    {
        var spec = Header.Signals[signal];
        var adc = Adc[signal];
        var result = new double[adc.Length];
        for (int i = 0; i < adc.Length; i++)
            result[i] = adc[i] == SignalCodecs.InvalidSample ? double.NaN : ((long)adc[i] - spec.Baseline) / spec.Gain; // long: no wrap for extreme baselines
        return result;
    }

    /// <summary>
    /// The WFDB checksum of one signal as held: the sum of its samples, an invalid one as the value its format stores
    /// (-2048 in format 212, as WFDB's putvec writes and getvec sums it), modulo 2^16, as a signed 16-bit value.
    /// </summary>
    public short Checksum(int signal) =>
        unchecked((short)RecordChecks.Sum(Adc[signal], RecordChecks.StoredInvalid(Header.Signals[signal].Format)));
}
