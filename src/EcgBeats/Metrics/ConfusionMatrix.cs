namespace EcgBeats.Metrics;

/// <summary>
/// Counts of (true class, predicted class) pairs: <c>this[t, p]</c> is the number of beats of class
/// t predicted as p. Rows are the truth, columns the prediction.
/// </summary>
public sealed class ConfusionMatrix
{
    private readonly long[,] _counts;

    /// <summary>An empty matrix for <paramref name="classCount"/> classes.</summary>
    public ConfusionMatrix(int classCount) => _counts = new long[classCount, classCount];

    /// <summary>Counts the pairs of <paramref name="truth"/> and <paramref name="predicted"/>.</summary>
    public static ConfusionMatrix From(IReadOnlyList<int> truth, IReadOnlyList<int> predicted, int classCount)
    {
        if (truth.Count != predicted.Count) throw new ArgumentException($"{truth.Count} true labels but {predicted.Count} predictions");
        var matrix = new ConfusionMatrix(classCount);
        for (int i = 0; i < truth.Count; i++) matrix._counts[truth[i], predicted[i]]++;
        return matrix;
    }

    /// <summary>From a square array of counts.</summary>
    public static ConfusionMatrix From(long[,] counts)
    {
        if (counts.GetLength(0) != counts.GetLength(1)) throw new ArgumentException("a confusion matrix is square", nameof(counts));
        var matrix = new ConfusionMatrix(counts.GetLength(0));
        Array.Copy(counts, matrix._counts, counts.Length);
        return matrix;
    }

    /// <summary>Number of classes.</summary>
    public int ClassCount => _counts.GetLength(0);

    /// <summary>Beats of class <paramref name="truth"/> predicted as <paramref name="predicted"/>.</summary>
    public long this[int truth, int predicted] => _counts[truth, predicted];

    /// <summary>All beats counted.</summary>
    public long Total { get { long t = 0; foreach (long c in _counts) t += c; return t; } }

    /// <summary>Beats of class c (row sum).</summary>
    public long Support(int c) { long s = 0; for (int p = 0; p < ClassCount; p++) s += _counts[c, p]; return s; }

    /// <summary>Beats predicted as class c (column sum).</summary>
    public long PredictedCount(int c) { long s = 0; for (int t = 0; t < ClassCount; t++) s += _counts[t, c]; return s; }

    /// <summary>Correct predictions over all beats; 0 for an empty matrix.</summary>
    public double Accuracy { get { long total = Total, right = 0; for (int c = 0; c < ClassCount; c++) right += _counts[c, c]; return total == 0 ? 0 : (double)right / total; } }

    /// <summary>Precision of class c: TP / predicted; 0 when nothing was predicted as c.</summary>
    public double Precision(int c) => Ratio(_counts[c, c], PredictedCount(c));

    /// <summary>Recall (sensitivity) of class c: TP / support; 0 when the class has no beats.</summary>
    public double Recall(int c) => Ratio(_counts[c, c], Support(c));

    /// <summary>F1 of class c: harmonic mean of precision and recall; 0 when both are 0.</summary>
    public double F1(int c)
    {
        double p = Precision(c), r = Recall(c);
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    /// <summary>Unweighted mean of the per-class F1 over the classes with support or predictions.</summary>
    public double MacroF1
    {
        get
        {
            var present = Enumerable.Range(0, ClassCount).Where(c => Support(c) > 0 || PredictedCount(c) > 0).ToList();
            return present.Count == 0 ? 0 : present.Average(F1);
        }
    }

    internal static double Ratio(long numerator, long denominator) => denominator == 0 ? 0 : (double)numerator / denominator;
}
