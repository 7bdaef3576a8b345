namespace EcgBeats.Beats;

/// <summary>One beat cut from a continuous signal.</summary>
/// <param name="Sample">Where the beat starts (its R peak or reference annotation), in samples at the signal's own rate.</param>
/// <param name="Values">The beat, <see cref="IBeatSegmenter.BeatLength"/> values in [0,1], zero-padded at the end.</param>
public readonly record struct BeatWindow(long Sample, float[] Values);

/// <summary>Cuts fixed-length beats out of a continuous single-lead signal.</summary>
public interface IBeatSegmenter
{
    /// <summary>A short name for dataset cards, e.g. <c>kaggle-mitbih</c>.</summary>
    string Name { get; }

    /// <summary>Values per beat (187 for the Kaggle layout).</summary>
    int BeatLength { get; }

    /// <summary>A one-paragraph description of the recipe, for dataset cards.</summary>
    string Recipe { get; }

    /// <summary>
    /// Cuts the beats of <paramref name="signal"/> (sampled at <paramref name="samplingFrequency"/> Hz).
    /// </summary>
    /// <param name="signal">The whole record's lead, in any units (ADC or mV).</param>
    /// <param name="samplingFrequency">Its sampling frequency, Hz.</param>
    /// <param name="beatPositions">Known beat positions in samples, ascending (reference annotations or a
    /// detector's output). Segmenters that find their own R peaks ignore them.</param>
    IReadOnlyList<BeatWindow> Segment(double[] signal, double samplingFrequency, IReadOnlyList<long>? beatPositions);
}
