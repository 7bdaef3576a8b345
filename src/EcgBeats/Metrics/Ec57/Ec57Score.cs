namespace EcgBeats.Metrics.Ec57;

/// <summary>One record's comparison: rows reference N S V F Q O X, columns test n s v f q o x, and bxb's statistics.</summary>
/// <param name="Record">The record's name.</param>
/// <param name="Matrix">The 7 x 7 matrix.</param>
/// <param name="Statistics">bxb's statistics of the record.</param>
public sealed record RecordScore(string Record, long[][] Matrix, BeatComparisonStatistics Statistics);

/// <summary>
/// A beat-by-beat comparison of a set of records (what <c>ecgbeats score --json</c> writes and <c>run</c> reports): the
/// options, every record's matrix and statistics, the gross matrix, and the gross and average statistics as WFDB's
/// <c>sumstats</c> computes them from <c>bxb -L</c>.
/// </summary>
/// <param name="Format">The format's name and version.</param>
/// <param name="Reference">The reference annotator.</param>
/// <param name="Test">The test annotator.</param>
/// <param name="Options">Window, interval and class mapping.</param>
/// <param name="Labels">Row and column names of the matrices.</param>
/// <param name="Records">Record by record.</param>
/// <param name="GrossMatrix">Every record's matrix summed.</param>
/// <param name="Gross">Gross statistics (sumstats).</param>
/// <param name="Average">Average statistics (sumstats).</param>
public sealed record Ec57Score(
    string Format,
    string Reference,
    string Test,
    BeatComparisonOptions Options,
    IReadOnlyList<string> Labels,
    IReadOnlyList<RecordScore> Records,
    long[][] GrossMatrix,
    BeatComparisonStatistics Gross,
    BeatComparisonStatistics Average)
{
    /// <summary>The format's name.</summary>
    public const string FormatName = "ecgbeats-score/2";

    /// <summary>
    /// F1 of class <paramref name="c"/> (0 N .. 4 Q) over the gross matrix: a missed or shutdown reference beat counts as a false
    /// negative, an extra test beat as a false positive. 0 when the class has neither beats nor calls.
    /// </summary>
    public double F1(int c)
    {
        long tp = GrossMatrix[c][c];
        long fn = GrossMatrix[c].Sum() - tp;
        long fp = GrossMatrix.Sum(row => row[c]) - tp;
        return tp == 0 ? 0 : 2.0 * tp / (2.0 * tp + fn + fp);
    }

    /// <summary>Macro-F1 over N, S, V and F (Q is left out: the inter-patient test records hold a handful of Q beats).</summary>
    public double MacroF1 => Enumerable.Range(0, 4).Average(F1);

    /// <summary>The score of <paramref name="comparisons"/> (one per record).</summary>
    public static Ec57Score From(IReadOnlyList<BeatComparison> comparisons, BeatComparisonOptions options, string reference, string test)
    {
        var summary = new Sumstats(comparisons);
        return new Ec57Score(FormatName, reference, test, options, BeatComparison.Labels,
            comparisons.Select(c => new RecordScore(c.Record, c.ToRows(), c.Statistics())).ToList(),
            BeatComparison.Sum(comparisons).ToRows(), summary.Gross, summary.Average);
    }
}
