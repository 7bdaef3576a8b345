using EcgBeats.Datasets;

namespace EcgBeats.Metrics;

/// <summary>A point estimate with its confidence interval.</summary>
/// <param name="Value">The score on the whole test set.</param>
/// <param name="Lower">Lower bound (the 2.5th percentile for 95%).</param>
/// <param name="Upper">Upper bound (the 97.5th percentile for 95%).</param>
public sealed record Interval(double Value, double Lower, double Upper);

/// <summary>
/// Percentile bootstrap confidence intervals: the test beats are resampled with replacement
/// <c>resamples</c> times (seeded), the score recomputed each time, and the interval read off the
/// percentiles of those scores.
/// </summary>
public static class Bootstrap
{
    /// <summary>95% intervals for accuracy and macro-F1.</summary>
    /// <remarks>
    /// Each resample draws from a generator of its own, seeded from <paramref name="seed"/> and the resample's number, so
    /// the resamples run on every core and still give the same intervals for the same seed on any number of cores.
    /// </remarks>
    public static (Interval Accuracy, Interval MacroF1) AccuracyAndMacroF1(IReadOnlyList<int> truth, IReadOnlyList<int> predicted, int classCount,
        int seed, int resamples = 1000, double confidence = 0.95)
    {
        var whole = ConfusionMatrix.From(truth, predicted, classCount);
        int n = truth.Count;
        // Each beat as its cell of the confusion matrix: a resample then counts cells, reading one array.
        var cells = new int[n];
        for (int i = 0; i < n; i++) cells[i] = truth[i] * classCount + predicted[i];
        var accuracies = new double[resamples];
        var f1s = new double[resamples];
        Parallel.For(0, resamples, () => new long[classCount * classCount], (r, _, flat) =>
        {
            Array.Clear(flat);
            var random = SeededRandom.Create(ResampleSeed(seed, r));
            for (int i = 0; i < n; i++) flat[cells[random.Next(n)]]++;
            var counts = new long[classCount, classCount];
            for (int c = 0; c < flat.Length; c++) counts[c / classCount, c % classCount] = flat[c];
            var matrix = ConfusionMatrix.From(counts);
            accuracies[r] = matrix.Accuracy;
            f1s[r] = matrix.MacroF1;
            return flat;
        }, _ => { });
        return (Read(whole.Accuracy, accuracies, confidence), Read(whole.MacroF1, f1s, confidence));
    }

    /// <summary>Resample <paramref name="resample"/>'s seed: the golden-ratio step spreads neighbouring resamples across seeds.</summary>
    private static int ResampleSeed(int seed, int resample) => unchecked(seed + (int)(0x9E3779B9u * (uint)(resample + 1)));

    private static Interval Read(double value, double[] samples, double confidence)
    {
        if (samples.Length == 0) return new Interval(value, value, value);
        Array.Sort(samples);
        double tail = (1 - confidence) / 2;
        return new Interval(value, Percentile(samples, tail), Percentile(samples, 1 - tail));
    }

    /// <summary>Linear interpolation between order statistics (NumPy's default).</summary>
    private static double Percentile(double[] sorted, double q)
    {
        double position = q * (sorted.Length - 1);
        int low = (int)Math.Floor(position), high = (int)Math.Ceiling(position);
        return sorted[low] + (sorted[high] - sorted[low]) * (position - low);
    }
}
