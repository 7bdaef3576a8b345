using System.Globalization;
using System.Text;

namespace EcgBeats.Metrics.Ec57;

/// <summary>
/// WFDB <c>bxb</c>'s report formats with SVEB statistics, character for character: the standard report (<c>-S</c>), the
/// line-format beat and shutdown reports (<c>-L</c>), which <see cref="Sumstats"/> then sums. Anyone holding bxb's output can
/// put ours beside it; the tests compare both with reports made by WFDB 10.7 itself.
/// </summary>
public static class BxbReport
{
    /// <summary>The first line of a <c>-L</c> beat report (written once, when the file is new).</summary>
    public const string LineHeader =
        "Record Nn' Sn' Vn' Fn' On'  Ns  Ss  Vs  Fs' Os' Nv  Sv   Vv  Fv' Ov' No' So' Vo' Fo'  Q Se   Q +P   V Se   V +P   S Se   S +P RR err\n";

    /// <summary>The two first lines of a <c>-L</c> shutdown report.</summary>
    public const string ShutdownHeader =
        "Record Nx   Sx   Vx   Fx   Qx  % beats  % N    % S    % V    % F   Total Shutdown\n" +
        "                                missed missed missed missed missed      Time\n";

    private const int N = 0, S = 1, V = 2, F = 3, Q = 4, O = BeatComparison.Unmatched, X = BeatComparison.Shutdown;

    private static string D(long value, int width) => value.ToString(CultureInfo.InvariantCulture).PadLeft(width);

    /// <summary>bxb -S: the header, the 7 x 7 matrix and the statistics of one record.</summary>
    public static string Standard(BeatComparison c, string reference, string test)
    {
        var s = new StringBuilder();
        s.Append("Beat-by-beat comparison results for record ").Append(c.Record).Append('\n');
        s.Append("Reference annotator: ").Append(reference).Append('\n');
        s.Append("     Test annotator: ").Append(test).Append("\n\n");
        s.Append("               Algorithm\n");
        s.Append("        n    s    v    f    q    o    x\n");
        s.Append("   ____________________________________\n");
        foreach (int r in new[] { N, S, V, F, Q })
        {
            s.Append(' ').Append(BeatComparison.Labels[r]).Append(" |");
            for (int t = 0; t < BeatComparison.Size; t++) s.Append(' ').Append(D(c[r, t], 4));
            s.Append('\n');
        }
        foreach (int r in new[] { O, X })
        {
            s.Append(' ').Append(BeatComparison.Labels[r]).Append(" |");
            for (int t = 0; t < O; t++) s.Append(' ').Append(D(c[r, t], 4));
            s.Append(r == X ? "\n\n" : "\n");
        }
        Stat(s, "           QRS sensitivity", "%6.2f", c.QrsTruePositives, c.QrsTruePositives + c.QrsFalseNegatives);
        Stat(s, " QRS positive predictivity", "%6.2f", c.QrsTruePositives, c.QrsTruePositives + c.QrsFalsePositives);
        Stat(s, "           VEB sensitivity", "%6.2f", c.VebTruePositives, c.VebTruePositives + c.VebFalseNegatives);
        Stat(s, " VEB positive predictivity", "%6.2f", c.VebTruePositives, c.VebTruePositives + c.VebFalsePositives);
        Stat(s, "          SVEB sensitivity", "%6.2f", c.SvebTruePositives, c.SvebTruePositives + c.SvebFalseNegatives);
        Stat(s, "SVEB positive predictivity", "%6.2f", c.SvebTruePositives, c.SvebTruePositives + c.SvebFalsePositives);
        s.Append("     RMS RR interval error: ");
        s.Append(c.RmsRrErrorMs is double rms ? PrintfFixed.Format(rms, 6, 2) + " ms" : "     -");
        s.Append('\n');
        return s.ToString();
    }

    /// <summary>The part of bxb -S's report that goes to its standard output: beats missed in shutdowns, and the shutdown time.</summary>
    public static string StandardShutdown(BeatComparison c)
    {
        var s = new StringBuilder();
        foreach (var (label, a, b) in ShutdownStatistics(c))
            Stat(s, label, "%6.2f", a, b);
        s.Append("       Total shutdown time: ").Append(D(c.ShutdownSeconds, 5)).Append(" seconds\n");
        return s.ToString();
    }

    /// <summary>One line of bxb -L's beat report (without the header).</summary>
    public static string Line(BeatComparison c)
    {
        var s = new StringBuilder();
        s.Append(c.Record.PadLeft(4)).Append(' ').Append(D(c[N, N] + c[N, F] + c[N, Q], 5));
        foreach (long v in new[]
                 {
                     c[S, N] + c[S, F] + c[S, Q], c[V, N] + c[V, F] + c[V, Q],
                     c[F, N] + c[F, F] + c[F, Q] + c[Q, N] + c[Q, F] + c[Q, Q],
                     c[O, N] + c[O, F] + c[O, Q] + c[X, N] + c[X, F] + c[X, Q],
                     c[N, S], c[S, S], c[V, S], c[F, S] + c[Q, S], c[O, S] + c[X, S],
                 })
            s.Append(' ').Append(D(v, 3));
        s.Append(' ').Append(D(c[N, V], 3)).Append(' ').Append(D(c[S, V], 3)).Append(' ').Append(D(c[V, V], 4));
        foreach (long v in new[]
                 {
                     c[F, V] + c[Q, V], c[O, V] + c[X, V], c[N, O] + c[N, X], c[S, O] + c[S, X], c[V, O] + c[V, X],
                     c[F, O] + c[F, X] + c[Q, O] + c[Q, X],
                 })
            s.Append(' ').Append(D(v, 3));
        Value(s, c.QrsTruePositives, c.QrsTruePositives + c.QrsFalseNegatives);
        Value(s, c.QrsTruePositives, c.QrsTruePositives + c.QrsFalsePositives);
        Value(s, c.VebTruePositives, c.VebTruePositives + c.VebFalseNegatives);
        Value(s, c.VebTruePositives, c.VebTruePositives + c.VebFalsePositives);
        Value(s, c.SvebTruePositives, c.SvebTruePositives + c.SvebFalseNegatives);
        Value(s, c.SvebTruePositives, c.SvebTruePositives + c.SvebFalsePositives);
        s.Append(c.RmsRrErrorMs is double rms ? " " + PrintfFixed.Format(rms, 6, 2) : "     -");
        s.Append('\n');
        return s.ToString();
    }

    /// <summary>One line of bxb -L's shutdown report (without the headers).</summary>
    public static string ShutdownLine(BeatComparison c)
    {
        var s = new StringBuilder();
        s.Append(c.Record.PadLeft(4));
        foreach (int r in new[] { N, S, V, F, Q }) s.Append(' ').Append(D(c[r, X], 4));
        s.Append("  ");
        foreach (var (_, a, b) in ShutdownStatistics(c)) Value(s, a, b);
        s.Append(D(c.ShutdownSeconds, 5)).Append(" seconds");
        foreach (int r in new[] { N, S, V, F, Q }) s.Append(' ').Append(Row(c, r).ToString(CultureInfo.InvariantCulture));
        s.Append('\n');
        return s.ToString();
    }

    private static long Row(BeatComparison c, int r)
    {
        long sum = 0;
        for (int t = 0; t < BeatComparison.Size; t++) sum += c[r, t];
        return sum;
    }

    private static IEnumerable<(string Label, long A, long B)> ShutdownStatistics(BeatComparison c)
    {
        yield return ("\n  Beats missed in shutdown", c[N, X] + c[V, X] + c[F, X] + c[Q, X], c.QrsTruePositives + c.QrsFalseNegatives);
        yield return ("      N missed in shutdown", c[N, X], Row(c, N));
        yield return ("      S missed in shutdown", c[S, X], Row(c, S));
        yield return ("      V missed in shutdown", c[V, X], Row(c, V));
        yield return ("      F missed in shutdown", c[F, X], Row(c, F));
    }

    /// <summary>bxb's pstat in a labelled report: "label: 99.99% (a/b)", or "     - " when b is 0.</summary>
    private static void Stat(StringBuilder s, string label, string format, long a, long b)
    {
        s.Append(label).Append(": ");
        if (b <= 0) s.Append("     - ");
        else s.Append(PrintfFixed.Format(100.0 * a / b, 6, format == "%6.3f" ? 3 : 2)).Append('%');
        s.Append(" (").Append(a.ToString(CultureInfo.InvariantCulture)).Append('/').Append(b.ToString(CultureInfo.InvariantCulture)).Append(")\n");
    }

    /// <summary>bxb's pstat in a line report: " 99.99", or "      -" when b is 0.</summary>
    private static void Value(StringBuilder s, long a, long b) =>
        s.Append(b <= 0 ? "      -" : " " + PrintfFixed.Format(100.0 * a / b, 6, 2));
}
