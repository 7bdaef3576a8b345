namespace EcgBeats.Beats;

/// <summary>One beat cut from a continuous signal by a segmenter.</summary>
/// <param name="Sample">Where the beat starts (its R peak or reference annotation), in samples at the signal's own rate.</param>
/// <param name="Values">The beat's values, in [0,1], zero-padded at the end.</param>
public readonly record struct BeatWindow(long Sample, float[] Values);
