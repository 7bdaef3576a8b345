namespace EcgBeats.Dsp;

/// <summary>The median of a short list, with a scratch list reused between calls (the rhythm windows call it per beat).</summary>
internal static class Median
{
    /// <summary>The median of <paramref name="values"/> (the mean of the middle two for an even count); <paramref name="values"/> is left as it is.</summary>
    public static double Of(List<double> values, List<double> scratch)
    {
        scratch.Clear();
        scratch.AddRange(values);
        scratch.Sort();
        int m = scratch.Count / 2;
        return scratch.Count % 2 == 1 ? scratch[m] : (scratch[m - 1] + scratch[m]) / 2;
    }
}
