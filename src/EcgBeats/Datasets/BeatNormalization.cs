using EcgBeats.Beats;
namespace EcgBeats.Datasets;

/// <summary>Normalisation of beats, an explicit step of its own.</summary>
public static class BeatNormalization
{
    /// <summary>
    /// Min-max normalises each beat to [0,1] over all its values (padding included); a flat beat
    /// becomes all zeros. A no-op on Kaggle-faithful beats, which are normalised already. The result carries
    /// no representation recipe: rescaled beats are no longer what any representation cut.
    /// </summary>
    public static LabelledBeats MinMaxPerBeat(LabelledBeats beats)
    {
        var values = new float[beats.Values.Length];
        for (int i = 0; i < beats.Count; i++)
        {
            var beat = beats.Beat(i);
            float min = float.PositiveInfinity, max = float.NegativeInfinity;
            foreach (float v in beat) { if (v < min) min = v; if (v > max) max = v; }
            float range = max - min;
            var target = values.AsSpan(i * beats.ValuesPerBeat, beats.ValuesPerBeat);
            if (range > 0)
                for (int k = 0; k < beat.Length; k++) target[k] = (float)(((double)beat[k] - min) / range);
        }
        return new LabelledBeats(new Beats.UnlabelledBeats(beats.ValuesPerBeat, values, null, beats.Origins), beats.Labels, beats.Symbols);
    }
}
