using EcgBeats.Dsp;
using EcgBeats.Wfdb;

namespace EcgBeats.Representations;

/// <summary>The continuous lead a representation cuts from: raw, or filtered.</summary>
internal static class LeadSamples
{
    /// <summary>
    /// Signal <paramref name="signal"/> of the record: with no filter its ADC integers as they are (what the Kaggle files were
    /// cut from; min-max scaling makes the units irrelevant); with one, in physical units (mV), filtered at the record's rate.
    /// </summary>
    public static double[] Of(WfdbRecord record, int signal, FilterOptions filter) =>
        filter.Kind == FilterKind.None
            ? Array.ConvertAll(record.Adc[signal], v => (double)v)
            : filter.Apply(record.Physical(signal), record.SamplingFrequency);

    /// <summary>
    /// A whole-number rate, as the polyphase resampler needs.
    /// </summary>
    /// <exception cref="InvalidInputException">The record's rate is not a whole number of Hz.</exception>
    public static int WholeHz(double samplingFrequency, string record, int targetHz)
    {
        if (!(samplingFrequency > 0) || Math.Abs(samplingFrequency - Math.Round(samplingFrequency)) > 1e-9 || samplingFrequency > int.MaxValue)
            throw new InvalidInputException($"{record}: sampling frequency {samplingFrequency} Hz; resampling to {targetHz} Hz needs a whole number of Hz");
        return (int)Math.Round(samplingFrequency);
    }
}
