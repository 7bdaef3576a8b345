namespace EcgBeats.Wfdb;

/// <summary>
/// Samples of a WFDB record, or of a window of it, as raw ADC integers per signal.
/// </summary>
public sealed class WfdbRecord
{
    /// <summary>Creates a record from its header and its samples (<c>adc[signal][sample]</c>).</summary>
    public WfdbRecord(WfdbHeader header, long start, int[][] adc)
    {
        if (adc.Length != header.SignalCount)
            throw new ArgumentException($"{adc.Length} sample arrays for {header.SignalCount} signals", nameof(adc));
        if (adc.Any(a => a.Length != adc[0].Length))
            throw new ArgumentException("every signal must have the same number of samples", nameof(adc));
        Header = header;
        Start = start;
        Adc = adc;
    }

    /// <summary>The record's header.</summary>
    public WfdbHeader Header { get; }

    /// <summary>Index (in samples from the start of the record) of the first sample held here.</summary>
    public long Start { get; }

    /// <summary>Raw ADC values, <c>[signal][sample]</c>.</summary>
    public int[][] Adc { get; }

    /// <summary>Samples held per signal.</summary>
    public int Length => Adc[0].Length;

    /// <summary>Samples per second per signal, in Hz.</summary>
    public double SamplingFrequency => Header.SamplingFrequency;

    /// <summary>
    /// One signal in physical units: <c>(adc - baseline) / gain</c> (mV for MIT-BIH). The format's
    /// invalid-sample value becomes NaN.
    /// </summary>
    public double[] Physical(int signal)
    {
        var spec = Header.Signals[signal];
        int invalid = SignalFormats.InvalidSample(spec.Format);
        var adc = Adc[signal];
        var result = new double[adc.Length];
        for (int i = 0; i < adc.Length; i++)
            result[i] = adc[i] == invalid ? double.NaN : (adc[i] - spec.Baseline) / spec.Gain;
        return result;
    }

    /// <summary>The WFDB checksum of one signal: the sum of its samples, modulo 2^16, as a signed 16-bit value.</summary>
    public short Checksum(int signal)
    {
        int sum = 0;
        foreach (int v in Adc[signal]) sum += v;
        return unchecked((short)sum);
    }
}
