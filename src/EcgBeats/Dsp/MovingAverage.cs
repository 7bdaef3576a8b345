namespace EcgBeats.Dsp;

/// <summary>Moving averages of a whole signal.</summary>
internal static class MovingAverage
{
    /// <summary>Moving average of <paramref name="width"/> samples centred on each sample (fewer at the ends, divided by the full width).</summary>
    public static double[] Centred(double[] x, int width)
    {
        var prefix = new double[x.Length + 1];
        for (int n = 0; n < x.Length; n++) prefix[n + 1] = prefix[n] + x[n];
        var average = new double[x.Length];
        int half = width / 2;
        for (int n = 0; n < x.Length; n++)
        {
            int from = Math.Max(0, n - half), to = Math.Min(x.Length, n - half + width);
            average[n] = (prefix[to] - prefix[from]) / width;
        }
        return average;
    }
}
