using EcgBeats.Beats;

namespace EcgBeats.Metrics;

/// <summary>
/// The beat-by-beat confusion matrix of ANSI/AAMI EC57 (as printed by WFDB's <c>bxb</c>): rows are
/// the reference labels N, S, V, F, Q and O (a test beat with no reference beat: an extra detection),
/// columns the test labels n, s, v, f, q and o (a reference beat with no test beat: a missed beat).
/// The O/o cell is always 0.
/// </summary>
public sealed class BeatComparison
{
    /// <summary>Rows and columns: the five AAMI classes, then O/o.</summary>
    public const int Size = AamiMapping.ClassCount + 1;

    /// <summary>Index of the O row (extra test beats) and the o column (missed reference beats).</summary>
    public const int Unmatched = AamiMapping.ClassCount;

    /// <summary>Row and column names: N S V F Q O.</summary>
    public static IReadOnlyList<string> Labels { get; } = ["N", "S", "V", "F", "Q", "O"];

    private readonly long[,] _counts = new long[Size, Size];

    /// <summary>An empty matrix for <paramref name="record"/> (or "gross" for a sum).</summary>
    public BeatComparison(string record) => Record = record;

    /// <summary>The record it compares, or a name for a pooled matrix.</summary>
    public string Record { get; }

    /// <summary>Pairs of (reference row, test column).</summary>
    public long this[int reference, int test] => _counts[reference, test];

    /// <summary>Counts one pair.</summary>
    internal void Add(int reference, int test) => _counts[reference, test]++;

    /// <summary>The matrix as rows of counts (for JSON).</summary>
    public long[][] ToRows() => Enumerable.Range(0, Size).Select(r => Enumerable.Range(0, Size).Select(c => _counts[r, c]).ToArray()).ToArray();

    /// <summary>The cell-by-cell sum of several comparisons: EC57's gross statistics come from it.</summary>
    public static BeatComparison Sum(IEnumerable<BeatComparison> comparisons, string name = "gross")
    {
        var sum = new BeatComparison(name);
        foreach (var c in comparisons)
            for (int r = 0; r < Size; r++)
                for (int t = 0; t < Size; t++)
                    sum._counts[r, t] += c._counts[r, t];
        return sum;
    }

    private long Sum(Func<int, int, bool> cell)
    {
        long s = 0;
        for (int r = 0; r < Size; r++)
            for (int t = 0; t < Size; t++)
                if (cell(r, t)) s += _counts[r, t];
        return s;
    }

    private const int N = 0, S = 1, V = 2, F = 3, Q = 4, O = Unmatched;

    /// <summary>Reference beats found by the test (any labels).</summary>
    public long QrsTruePositives => Sum((r, t) => r < O && t < O);

    /// <summary>Reference beats the test missed.</summary>
    public long QrsFalseNegatives => Sum((r, t) => r < O && t == O);

    /// <summary>Test beats with no reference beat.</summary>
    public long QrsFalsePositives => Sum((r, t) => r == O && t < O);

    /// <summary>QRS sensitivity, %: TP / (TP + FN); null when there are no reference beats.</summary>
    public double? QrsSensitivity => Percent(QrsTruePositives, QrsTruePositives + QrsFalseNegatives);

    /// <summary>QRS positive predictivity, %: TP / (TP + FP); null when there are no test beats.</summary>
    public double? QrsPositivePredictivity => Percent(QrsTruePositives, QrsTruePositives + QrsFalsePositives);

    /// <summary>V beats labelled v.</summary>
    public long VebTruePositives => _counts[V, V];

    /// <summary>V beats labelled otherwise or missed.</summary>
    public long VebFalseNegatives => Sum((r, t) => r == V && t != V);

    /// <summary>
    /// Beats labelled v that are N, S or no beat in the reference. EC57 does not count F or Q
    /// reference beats labelled v against the test.
    /// </summary>
    public long VebFalsePositives => _counts[N, V] + _counts[S, V] + _counts[O, V];

    /// <summary>Non-V reference beats (or extra detections) labelled as a beat other than v.</summary>
    public long VebTrueNegatives => Sum((r, t) => r != V && t is not (V or O));

    /// <summary>VEB sensitivity, %; null when the reference has no V beats.</summary>
    public double? VebSensitivity => Percent(VebTruePositives, VebTruePositives + VebFalseNegatives);

    /// <summary>VEB positive predictivity, %; null when nothing was labelled v.</summary>
    public double? VebPositivePredictivity => Percent(VebTruePositives, VebTruePositives + VebFalsePositives);

    /// <summary>VEB false-positive rate, %: FP / (FP + TN).</summary>
    public double? VebFalsePositiveRate => Percent(VebFalsePositives, VebFalsePositives + VebTrueNegatives);

    /// <summary>S beats labelled s.</summary>
    public long SvebTruePositives => _counts[S, S];

    /// <summary>S beats labelled otherwise or missed.</summary>
    public long SvebFalseNegatives => Sum((r, t) => r == S && t != S);

    /// <summary>Beats labelled s that are N, V, F or no beat in the reference (EC57 leaves Q reference beats out).</summary>
    public long SvebFalsePositives => _counts[N, S] + _counts[V, S] + _counts[F, S] + _counts[O, S];

    /// <summary>SVEB sensitivity, %; null when the reference has no S beats.</summary>
    public double? SvebSensitivity => Percent(SvebTruePositives, SvebTruePositives + SvebFalseNegatives);

    /// <summary>SVEB positive predictivity, %; null when nothing was labelled s.</summary>
    public double? SvebPositivePredictivity => Percent(SvebTruePositives, SvebTruePositives + SvebFalsePositives);

    /// <summary>The statistics of this matrix.</summary>
    public BeatComparisonStatistics Statistics() => new(
        QrsSensitivity, QrsPositivePredictivity, VebSensitivity, VebPositivePredictivity, VebFalsePositiveRate,
        SvebSensitivity, SvebPositivePredictivity);

    /// <summary>100·a/b, or null when b is 0 (EC57 reports such a statistic as undefined, "-").</summary>
    internal static double? Percent(long a, long b) => b > 0 ? 100.0 * a / b : null;
}

/// <summary>EC57's statistics of one comparison or a set of them, in percent; null where undefined (no beats to divide by).</summary>
/// <param name="QrsSensitivity">QRS Se.</param>
/// <param name="QrsPositivePredictivity">QRS +P.</param>
/// <param name="VebSensitivity">VEB (class V) Se.</param>
/// <param name="VebPositivePredictivity">VEB +P.</param>
/// <param name="VebFalsePositiveRate">VEB FPR.</param>
/// <param name="SvebSensitivity">SVEB (class S) Se.</param>
/// <param name="SvebPositivePredictivity">SVEB +P.</param>
public sealed record BeatComparisonStatistics(
    double? QrsSensitivity,
    double? QrsPositivePredictivity,
    double? VebSensitivity,
    double? VebPositivePredictivity,
    double? VebFalsePositiveRate,
    double? SvebSensitivity,
    double? SvebPositivePredictivity)
{
    /// <summary>
    /// EC57's average statistics: each statistic averaged over the records where it is defined
    /// (a record with no V beats adds nothing to the average VEB Se).
    /// </summary>
    public static BeatComparisonStatistics Average(IReadOnlyList<BeatComparisonStatistics> records) => new(
        Mean(records.Select(r => r.QrsSensitivity)),
        Mean(records.Select(r => r.QrsPositivePredictivity)),
        Mean(records.Select(r => r.VebSensitivity)),
        Mean(records.Select(r => r.VebPositivePredictivity)),
        Mean(records.Select(r => r.VebFalsePositiveRate)),
        Mean(records.Select(r => r.SvebSensitivity)),
        Mean(records.Select(r => r.SvebPositivePredictivity)));

    private static double? Mean(IEnumerable<double?> values)
    {
        var defined = values.Where(v => v.HasValue).Select(v => v!.Value).ToList();
        return defined.Count > 0 ? defined.Average() : null;
    }
}
