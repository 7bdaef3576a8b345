using System.Globalization;
using System.Text;

namespace EcgBeats.Metrics.Ec57;

/// <summary>
/// WFDB <c>sumstats</c> on a bxb <c>-L</c> beat report: the gross statistics (every record's beats pooled) and the average
/// statistics (each record's statistic averaged over the records where it is defined), computed, as sumstats computes
/// them, from the report's columns (e.g. the gross SVEB +P leaves out F beats labelled s, which bxb's per-record
/// figure counts) and, for the RR error, from the per-record values as printed.
/// </summary>
public sealed class Sumstats
{
    private readonly List<long[]> _lines = [];
    private readonly List<double?> _rrErrors = [];

    /// <summary>The summary of these records' comparisons.</summary>
    public Sumstats(IEnumerable<BeatComparison> comparisons)
    {
        foreach (var c in comparisons)
        {
            string line = BxbReport.Line(c);
            string[] fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            _lines.Add(fields[1..20].Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray());
            _rrErrors.Add(double.TryParse(fields[26], NumberStyles.Float, CultureInfo.InvariantCulture, out double rre) && rre >= 0 ? rre : null);
            Lines.Add(line);
        }
    }

    /// <summary>The bxb -L lines, one per record.</summary>
    public List<string> Lines { get; } = [];

    // Column order of a -L line: Nn' Sn' Vn' Fn' On' Ns Ss Vs Fs' Os' Nv Sv Vv Fv' Ov' No' So' Vo' Fo'.
    private const int Nn = 0, Sn = 1, Vn = 2, Fn = 3, On = 4, Ns = 5, Ss = 6, Vs = 7, Fs = 8, Os = 9,
        Nv = 10, Sv = 11, Vv = 12, Fv = 13, Ov = 14, No = 15, So = 16, Vo = 17, Fo = 18;

    private long Total(int column) => _lines.Sum(l => l[column]);

    /// <summary>Gross statistics: the sums' ratios.</summary>
    public BeatComparisonStatistics Gross
    {
        get
        {
            long qtp = Total(Nn) + Total(Ns) + Total(Nv) + Total(Sn) + Total(Ss) + Total(Sv) + Total(Vn) + Total(Vs) + Total(Vv) + Total(Fn) + Total(Fs) + Total(Fv);
            long qfn = Total(No) + Total(So) + Total(Vo) + Total(Fo);
            long qfp = Total(On) + Total(Os) + Total(Ov);
            return new BeatComparisonStatistics(
                BeatComparison.Percent(qtp, qtp + qfn), BeatComparison.Percent(qtp, qtp + qfp),
                BeatComparison.Percent(Total(Vv), Total(Vn) + Total(Vs) + Total(Vv) + Total(Vo)),
                BeatComparison.Percent(Total(Vv), Total(Nv) + Total(Sv) + Total(Vv) + Total(Ov)),
                null,
                BeatComparison.Percent(Total(Ss), Total(Sn) + Total(Ss) + Total(Sv) + Total(So)),
                BeatComparison.Percent(Total(Ss), Total(Ns) + Total(Ss) + Total(Vs) + Total(Os)));
        }
    }

    /// <summary>Average statistics: per-record ratios averaged over the records where each is defined.</summary>
    public BeatComparisonStatistics Average
    {
        get
        {
            double? Mean(Func<long[], (double A, double B)> ratio)
            {
                // Summed in record order, as sumstats sums them (the order decides the last bit of the sum).
                double sum = 0;
                int count = 0;
                foreach (var (a, b) in _lines.Select(ratio))
                {
                    if (b == 0) continue;
                    sum += a / b;
                    count++;
                }
                return count > 0 ? 100.0 * sum / count : null;
            }
            double rrSum = 0;
            int rrCount = 0;
            foreach (double rre in _rrErrors.OfType<double>()) { rrSum += rre; rrCount++; }
            return new BeatComparisonStatistics(
                Mean(l => (l[Nn] + l[Ns] + l[Nv] + l[Sn] + l[Ss] + l[Sv] + l[Vn] + l[Vs] + l[Vv] + l[Fn] + l[Fs] + l[Fv],
                    l[Nn] + l[Ns] + l[Nv] + l[No] + l[Sn] + l[Ss] + l[Sv] + l[So] + l[Vn] + l[Vs] + l[Vv] + l[Vo] + l[Fn] + l[Fs] + l[Fv] + l[Fo])),
                Mean(l => (l[Nn] + l[Sn] + l[Vn] + l[Fn] + l[Ns] + l[Ss] + l[Vs] + l[Fs] + l[Nv] + l[Sv] + l[Vv] + l[Fv],
                    l[Nn] + l[Sn] + l[Vn] + l[Fn] + l[On] + l[Ns] + l[Ss] + l[Vs] + l[Fs] + l[Os] + l[Nv] + l[Sv] + l[Vv] + l[Fv] + l[Ov])),
                Mean(l => (l[Vv], l[Vn] + l[Vs] + l[Vv] + l[Vo])),
                Mean(l => (l[Vv], l[Nv] + l[Sv] + l[Vv] + l[Ov])),
                null,
                Mean(l => (l[Ss], l[Sn] + l[Ss] + l[Sv] + l[So])),
                Mean(l => (l[Ss], l[Ns] + l[Ss] + l[Vs] + l[Os])),
                // sumstats prints its sum divided by 100, as a percentage of the count.
                rrCount > 0 ? 100.0 * (rrSum / 100.0) / rrCount : null);
        }
    }

    /// <summary>What <c>sumstats</c> prints for the -L beat report of these records: the report, the sums, gross and average.</summary>
    public string Format()
    {
        var s = new StringBuilder(BxbReport.LineHeader);
        foreach (string line in Lines) s.Append(line);
        s.Append(new string('_', 54)).Append(new string('_', 54)).Append(new string('_', 24)).Append('\n');
        string D(int column, int width) => Total(column).ToString(CultureInfo.InvariantCulture).PadLeft(width);
        s.Append("Sum ").Append(D(Nn, 6));
        foreach (int c in new[] { Sn, Vn, Fn, On, Ns, Ss, Vs, Fs, Os, Nv, Sv }) s.Append(' ').Append(D(c, 3));
        s.Append(' ').Append(D(Vv, 4));
        foreach (int c in new[] { Fv, Ov, No, So, Vo, Fo }) s.Append(' ').Append(D(c, 3));
        s.Append('\n');
        var gross = Gross;
        s.Append("Gross").Append(' ', 49).Append(' ', 29);
        foreach (var v in new[] { gross.QrsSensitivity, gross.QrsPositivePredictivity, gross.VebSensitivity, gross.VebPositivePredictivity, gross.SvebSensitivity, gross.SvebPositivePredictivity })
            s.Append(v is double d ? " " + PrintfFixed.Format(d, 6, 2) : "      -");
        var average = Average;
        s.Append("\nAverage").Append(' ', 45).Append(' ', 31);
        foreach (var v in new[] { average.QrsSensitivity, average.QrsPositivePredictivity, average.VebSensitivity, average.VebPositivePredictivity, average.SvebSensitivity, average.SvebPositivePredictivity, average.RmsRrErrorMs })
            s.Append(v is double d ? " " + PrintfFixed.Format(d, 6, 2) : "      -");
        long qtp = Total(Nn) + Total(Ns) + Total(Nv) + Total(Sn) + Total(Ss) + Total(Sv) + Total(Vn) + Total(Vs) + Total(Vv) + Total(Fn) + Total(Fs) + Total(Fv);
        long qfn = Total(No) + Total(So) + Total(Vo) + Total(Fo);
        s.Append("\nTotal QRS complexes: ").Append(qtp + qfn).Append("  Total VEBs: ").Append(Total(Vn) + Total(Vs) + Total(Vv) + Total(Vo))
            .Append("  Total SVEBs: ").Append(Total(Sn) + Total(Ss) + Total(Sv) + Total(So)).Append('\n');
        s.Append("\nSummary of results from ").Append(_lines.Count).Append(" record").Append(_lines.Count == 1 ? "" : "s").Append('\n');
        return s.ToString();
    }
}
