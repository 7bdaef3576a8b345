namespace EcgBeats.Metrics;

/// <summary>
/// The beat-by-beat confusion matrix of ANSI/AAMI EC57 as WFDB's <c>bxb</c> counts it: rows are the reference labels
/// N, S, V, F, Q, then O (a test beat with no reference beat: an extra detection) and X (a test beat during the
/// reference's shutdown); columns the test labels n, s, v, f, q, o (a reference beat the test missed) and x (a
/// reference beat during the test's shutdown). The O/X by o/x cells are always 0. Statistics follow bxb's formulas.
/// </summary>
public sealed class BeatComparison
{
    /// <summary>Rows and columns: the five AAMI classes, O/o and X/x.</summary>
    public const int Size = 7;

    /// <summary>Index of the O row (extra test beats) and the o column (missed reference beats).</summary>
    public const int Unmatched = 5;

    /// <summary>Index of the X row and x column (beats during a shutdown of the other annotator).</summary>
    public const int Shutdown = 6;

    /// <summary>Row and column names: N S V F Q O X.</summary>
    public static IReadOnlyList<string> Labels { get; } = ["N", "S", "V", "F", "Q", "O", "X"];

    private readonly long[,] _counts = new long[Size, Size];

    /// <summary>An empty matrix for <paramref name="record"/> (or "gross" for a sum).</summary>
    public BeatComparison(string record, double samplingFrequency = 0)
    {
        Record = record;
        SamplingFrequency = samplingFrequency;
    }

    /// <summary>The record it compares, or a name for a pooled matrix.</summary>
    public string Record { get; }

    /// <summary>The record's sampling frequency, Hz (RR errors are in its samples).</summary>
    public double SamplingFrequency { get; }

    /// <summary>Pairs of (reference row, test column).</summary>
    public long this[int reference, int test] => _counts[reference, test];

    /// <summary>Sum of the squared differences between reference and test RR intervals of paired beats, samples².</summary>
    public double RrErrorSumOfSquares { get; internal set; }

    /// <summary>Paired beats whose reference and test RR intervals were both defined.</summary>
    public long RrErrorCount { get; internal set; }

    /// <summary>The test annotator's shutdown time, whole seconds as bxb reports it.</summary>
    public long ShutdownSeconds { get; internal set; }

    /// <summary>Counts one pair; labels are bxb's (N S V F Q O X); any other label (bxb's '*') is not counted.</summary>
    internal void Add(char reference, char test)
    {
        int r = Index(reference), t = Index(test);
        if (r < 0 || t < 0 || (r >= Unmatched && t >= Unmatched)) return;
        _counts[r, t]++;
    }

    private static int Index(char label) => label switch
    {
        'N' => 0, 'S' => 1, 'V' => 2, 'F' => 3, 'Q' => 4, 'O' => Unmatched, 'X' => Shutdown, _ => -1,
    };

    /// <summary>The matrix as rows of counts (for JSON).</summary>
    public long[][] ToRows() => Enumerable.Range(0, Size).Select(r => Enumerable.Range(0, Size).Select(c => _counts[r, c]).ToArray()).ToArray();

    /// <summary>The cell-by-cell sum of several comparisons (with their RR error sums).</summary>
    public static BeatComparison Sum(IEnumerable<BeatComparison> comparisons, string name = "gross")
    {
        var list = comparisons.ToList();
        var sum = new BeatComparison(name, list.Select(c => c.SamplingFrequency).Distinct().Count() == 1 ? list[0].SamplingFrequency : 0);
        foreach (var c in list)
        {
            for (int r = 0; r < Size; r++)
                for (int t = 0; t < Size; t++)
                    sum._counts[r, t] += c._counts[r, t];
            sum.RrErrorSumOfSquares += c.RrErrorSumOfSquares;
            sum.RrErrorCount += c.RrErrorCount;
            sum.ShutdownSeconds += c.ShutdownSeconds;
        }
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

    private const int N = 0, S = 1, V = 2, F = 3, O = Unmatched, X = Shutdown;

    private static bool IsClass(int i) => i < Unmatched;

    /// <summary>Reference beats found by the test (any labels).</summary>
    public long QrsTruePositives => Sum((r, t) => IsClass(r) && IsClass(t));

    /// <summary>Reference beats the test missed (o), or that fell in its shutdown (x).</summary>
    public long QrsFalseNegatives => Sum((r, t) => IsClass(r) && !IsClass(t));

    /// <summary>Test beats with no reference beat (O), or during the reference's shutdown (X).</summary>
    public long QrsFalsePositives => Sum((r, t) => !IsClass(r) && IsClass(t));

    /// <summary>QRS sensitivity, %; null when there are no reference beats.</summary>
    public double? QrsSensitivity => Percent(QrsTruePositives, QrsTruePositives + QrsFalseNegatives);

    /// <summary>QRS positive predictivity, %; null when there are no test beats.</summary>
    public double? QrsPositivePredictivity => Percent(QrsTruePositives, QrsTruePositives + QrsFalsePositives);

    /// <summary>V beats labelled v.</summary>
    public long VebTruePositives => _counts[V, V];

    /// <summary>V beats labelled otherwise, missed, or in the test's shutdown.</summary>
    public long VebFalseNegatives => Sum((r, t) => r == V && t != V);

    /// <summary>Beats labelled v that are N, S, no beat, or in the reference's shutdown. F and Q reference beats labelled v do not count against the test.</summary>
    public long VebFalsePositives => _counts[N, V] + _counts[S, V] + _counts[O, V] + _counts[X, V];

    /// <summary>Every other reference row (N, S, F, Q, O, X) labelled n, s, f or q.</summary>
    public long VebTrueNegatives => Sum((r, t) => r != V && IsClass(t) && t != V);

    /// <summary>VEB sensitivity, %; null when the reference has no V beats.</summary>
    public double? VebSensitivity => Percent(VebTruePositives, VebTruePositives + VebFalseNegatives);

    /// <summary>VEB positive predictivity, %; null when nothing was labelled v.</summary>
    public double? VebPositivePredictivity => Percent(VebTruePositives, VebTruePositives + VebFalsePositives);

    /// <summary>VEB false-positive rate, %: FP / (FP + TN).</summary>
    public double? VebFalsePositiveRate => Percent(VebFalsePositives, VebFalsePositives + VebTrueNegatives);

    /// <summary>S beats labelled s.</summary>
    public long SvebTruePositives => _counts[S, S];

    /// <summary>S beats labelled otherwise, missed, or in the test's shutdown.</summary>
    public long SvebFalseNegatives => Sum((r, t) => r == S && t != S);

    /// <summary>Beats labelled s that are N, V, F, no beat, or in the reference's shutdown (bxb leaves Q reference beats out).</summary>
    public long SvebFalsePositives => _counts[N, S] + _counts[V, S] + _counts[F, S] + _counts[O, S] + _counts[X, S];

    /// <summary>SVEB sensitivity, %; null when the reference has no S beats.</summary>
    public double? SvebSensitivity => Percent(SvebTruePositives, SvebTruePositives + SvebFalseNegatives);

    /// <summary>SVEB positive predictivity, %; null when nothing was labelled s.</summary>
    public double? SvebPositivePredictivity => Percent(SvebTruePositives, SvebTruePositives + SvebFalsePositives);

    /// <summary>RMS difference of the paired beats' reference and test RR intervals, ms; null when no pair had both.</summary>
    public double? RmsRrErrorMs => RrErrorCount > 0 && SamplingFrequency > 0
        ? Math.Sqrt(RrErrorSumOfSquares / RrErrorCount) * 1000.0 / (long)(SamplingFrequency + 0.5)
        : null;

    /// <summary>The statistics of this matrix, as bxb computes them for one record.</summary>
    public BeatComparisonStatistics Statistics() => new(
        QrsSensitivity, QrsPositivePredictivity, VebSensitivity, VebPositivePredictivity, VebFalsePositiveRate,
        SvebSensitivity, SvebPositivePredictivity, RmsRrErrorMs);

    /// <summary>100·a/b, or null when b is not positive (EC57 reports such a statistic as undefined, "-").</summary>
    internal static double? Percent(double a, double b) => b > 0 ? 100.0 * a / b : null;
}

/// <summary>EC57's statistics of one comparison or a set of them, in percent; null where undefined (no beats to divide by).</summary>
/// <param name="QrsSensitivity">QRS Se.</param>
/// <param name="QrsPositivePredictivity">QRS +P.</param>
/// <param name="VebSensitivity">VEB (class V) Se.</param>
/// <param name="VebPositivePredictivity">VEB +P.</param>
/// <param name="VebFalsePositiveRate">VEB FPR.</param>
/// <param name="SvebSensitivity">SVEB (class S) Se.</param>
/// <param name="SvebPositivePredictivity">SVEB +P.</param>
/// <param name="RmsRrErrorMs">RMS RR-interval error, ms (bxb -L's "RR err").</param>
public sealed record BeatComparisonStatistics(
    double? QrsSensitivity,
    double? QrsPositivePredictivity,
    double? VebSensitivity,
    double? VebPositivePredictivity,
    double? VebFalsePositiveRate,
    double? SvebSensitivity,
    double? SvebPositivePredictivity,
    double? RmsRrErrorMs = null);
