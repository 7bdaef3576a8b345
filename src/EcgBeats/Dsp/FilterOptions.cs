namespace EcgBeats.Dsp;

/// <summary>Which filters clean a continuous record before its beats are cut.</summary>
public enum FilterKind
{
    /// <summary>The raw signal (what the Kaggle files were made from).</summary>
    None,
    /// <summary>Mains notch only.</summary>
    Notch,
    /// <summary>Band-pass only.</summary>
    BandPass,
    /// <summary>Notch, then band-pass.</summary>
    Both,
}

/// <summary>
/// Filtering of a continuous record, with the defaults used throughout EcgBeats.
/// </summary>
/// <param name="Kind">Which filters run.</param>
/// <param name="MainsHz">Mains frequency to notch out: 60 Hz for MIT-BIH (recorded in the USA).</param>
/// <param name="NotchQuality">Notch quality factor Q.</param>
/// <param name="BandLowHz">Band-pass lower cut-off, Hz (removes baseline wander).</param>
/// <param name="BandHighHz">Band-pass upper cut-off, Hz (removes muscle noise).</param>
/// <param name="BandOrder">Butterworth prototype order (the band-pass has twice as many poles).</param>
public sealed record FilterOptions(
    FilterKind Kind = FilterKind.None,
    double MainsHz = 60,
    double NotchQuality = 30,
    double BandLowHz = 0.5,
    double BandHighHz = 40,
    int BandOrder = 4)
{
    /// <summary>Filters a signal sampled at <paramref name="samplingFrequency"/> Hz; returns a new array (or the input when Kind is None).</summary>
    public double[] Apply(double[] signal, double samplingFrequency)
    {
        double[] result = signal;
        if (Kind is FilterKind.Notch or FilterKind.Both)
            result = new IirNotch(MainsHz, NotchQuality, samplingFrequency).ApplyZeroPhase(result);
        if (Kind is FilterKind.BandPass or FilterKind.Both)
            result = new ButterworthBandPass(BandLowHz, BandHighHz, BandOrder, samplingFrequency).ApplyZeroPhase(result);
        return result;
    }

    /// <summary>A one-line description for dataset cards and reports.</summary>
    public string Describe() => Kind switch
    {
        FilterKind.None => "none (raw signal)",
        FilterKind.Notch => $"zero-phase IIR notch at {MainsHz} Hz, Q {NotchQuality}",
        FilterKind.BandPass => $"zero-phase Butterworth band-pass {BandLowHz}-{BandHighHz} Hz, order {BandOrder}",
        _ => $"zero-phase IIR notch at {MainsHz} Hz, Q {NotchQuality}, then zero-phase Butterworth band-pass {BandLowHz}-{BandHighHz} Hz, order {BandOrder}",
    };
}
